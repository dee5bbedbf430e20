"""Portuguese for the demo course, unit by unit: each English unit's text (a title, a Markdown
paragraph, heading or list item, a quiz prompt, option or feedback) and its translation.

Loaded into the translation app by kuza/learning/demo.py, matched to units by their source
text, so a reworded English unit is simply left untranslated. A draft by a non-native
engineer, in neutral international Portuguese (Mozambique, Angola, Brazil).
"""

PORTUGUESE = {
    "Starting a gender-gap initiative": "Lançar uma iniciativa contra a desigualdade de género",
    (
        "A three-module course for people who want to close the gender gap on Wikipedia and "
        "Wikidata in their community: measure the gap, run an edit-a-thon that welcomes "
        "newcomers, write well-sourced biographies of women, keep participants safe and show "
        "what changed."
    ): (
        "Um curso em três módulos para quem quer reduzir a desigualdade de género na "
        "Wikipédia e na Wikidata na sua comunidade: medir a desigualdade, organizar uma "
        "editatona que acolhe quem chega, escrever biografias de mulheres bem fundamentadas, "
        "manter as participantes em segurança e mostrar o que mudou."
    ),
    "Finding the gap": "Encontrar a desigualdade",
    "Why the gender gap matters": "Porque é que a desigualdade de género importa",
    (
        "Wikipedia is where millions of people first look someone up. When a woman scientist,"
        " politician or artist has no article, she is missing from that first look, and from "
        "the search engines, voice assistants and AI tools that reuse Wikipedia."
    ): (
        "A Wikipédia é o primeiro sítio onde milhões de pessoas procuram alguém. Quando uma "
        "cientista, política ou artista não tem artigo, ela falta nessa primeira procura, e "
        "também nos motores de busca, assistentes de voz e ferramentas de IA que reutilizam a"
        " Wikipédia."
    ),
    "How big is the gap?": "Qual é o tamanho da desigualdade?",
    (
        "On most language editions, fewer than one biography in five is about a woman. The "
        "share changes slowly: a few tenths of a percentage point per year on the largest "
        "wikis."
    ): (
        "Na maioria das edições linguísticas, menos de uma biografia em cada cinco é sobre "
        "uma mulher. A proporção muda devagar: algumas décimas de ponto percentual por ano "
        "nas maiores wikis."
    ),
    (
        "The gap is not only in numbers. Articles about women are often shorter, mention "
        "their husbands and families more, and link to fewer other articles."
    ): (
        "A desigualdade não está só nos números. Os artigos sobre mulheres são muitas vezes "
        "mais curtos, falam mais dos maridos e da família e têm ligações para menos artigos."
    ),
    "Why it happens": "Porque acontece",
    ("Most editors are men, and people write about what they know."): (
        "A maioria de quem edita são homens, e as pessoas escrevem sobre o que conhecem."
    ),
    ("Historical sources recorded fewer women, so there is less to cite."): (
        "As fontes históricas registaram menos mulheres, por isso há menos para citar."
    ),
    ("Notability rules reward coverage that women were often denied."): (
        "As regras de notoriedade valorizam uma cobertura que muitas vezes foi negada às mulheres."
    ),
    "What a local initiative can do": "O que uma iniciativa local pode fazer",
    (
        "A small group that meets regularly can add dozens of well-sourced biographies a "
        "year, improve existing ones, and bring new women editors into the community. This "
        "course shows you how to start."
    ): (
        "Um pequeno grupo que se reúne com regularidade pode acrescentar dezenas de "
        "biografias bem fundamentadas por ano, melhorar as que existem e trazer novas "
        "editoras para a comunidade. Este curso mostra como começar."
    ),
    "Measuring the gap with Wikidata": "Medir a desigualdade com a Wikidata",
    (
        "Before you plan anything, measure the gap where you want to act. Wikidata, the "
        "structured database behind Wikipedia, records people as items that are *instance of*"
        " (P31) *human* (Q5), with a *sex or gender* (P21)."
    ): (
        "Antes de planear seja o que for, meça a desigualdade onde quer agir. A Wikidata, a "
        "base de dados estruturada por trás da Wikipédia, regista as pessoas como itens que "
        "são *instância de* (P31) *ser humano* (Q5), com um *sexo ou género* (P21)."
    ),
    "Ready-made statistics": "Estatísticas prontas",
    (
        "Denelezh and its successor Humaniki show the share of women among biographies by "
        "country, occupation, birth decade and language edition."
    ): (
        "O Denelezh e o seu sucessor Humaniki mostram a proporção de mulheres nas biografias "
        "por país, ocupação, década de nascimento e edição linguística."
    ),
    (
        "The Wikidata Human Gender Indicators (WHGI) publish the same figures over time, so "
        "you can see the trend."
    ): (
        "Os Wikidata Human Gender Indicators (WHGI) publicam os mesmos números ao longo do "
        "tempo, para que possa ver a tendência."
    ),
    "Your own query": "A sua própria consulta",
    (
        "The Wikidata Query Service answers precise questions. This query counts people with "
        "a country of citizenship (P27) of Kenya (Q114), by gender:"
    ): (
        "O Wikidata Query Service responde a perguntas precisas. Esta consulta conta as "
        "pessoas com país de cidadania (P27) Quénia (Q114), por género:"
    ),
    (
        "Change Q114 to your country, or add an occupation (P106), to find the gap that "
        "matters to your group."
    ): (
        "Troque Q114 pelo seu país, ou acrescente uma ocupação (P106), para encontrar a "
        "desigualdade que importa ao seu grupo."
    ),
    "Write your baseline down": "Registe o seu ponto de partida",
    (
        "Note the date and the figures before your first event. Without a baseline you will "
        "not be able to show what changed."
    ): (
        "Anote a data e os números antes do seu primeiro evento. Sem um ponto de partida não "
        "vai conseguir mostrar o que mudou."
    ),
    "Choosing your focus": "Escolher o seu foco",
    ("A focus makes an initiative easier to explain, to find sources for, and to measure."): (
        "Um foco torna uma iniciativa mais fácil de explicar, de documentar com fontes e de medir."
    ),
    "Good focuses": "Bons focos",
    "A place: women of your country, region or city.": (
        "Um lugar: mulheres do seu país, região ou cidade."
    ),
    ("A field: women in science, sport, music, politics or medicine."): (
        "Uma área: mulheres na ciência, no desporto, na música, na política ou na medicina."
    ),
    (
        "A language: biographies that exist in English or French but not in Swahili, Hausa or"
        " Arabic."
    ): (
        "Uma língua: biografias que existem em inglês ou francês mas não em suaíli, hauçá ou árabe."
    ),
    "Finding the missing women": "Encontrar as mulheres em falta",
    (
        'WikiProject Women in Red keeps lists of missing biographies ("red links") by country'
        " and occupation, made from Wikidata."
    ): (
        'O WikiProject Women in Red mantém listas de biografias em falta ("ligações '
        'vermelhas") por país e ocupação, feitas a partir da Wikidata.'
    ),
    (
        "National biographical dictionaries, university honours lists and prize winners name "
        "women who are notable but absent."
    ): (
        "Os dicionários biográficos nacionais, as listas de distinções universitárias e as "
        "pessoas premiadas nomeiam mulheres notáveis mas ausentes."
    ),
    ("Articles in other language editions can be translated, checking each source."): (
        "Os artigos de outras edições linguísticas podem ser traduzidos, verificando cada fonte."
    ),
    (
        "Choose a list of twenty to fifty names for your first event: enough for everyone, "
        "small enough to check in advance that sources exist."
    ): (
        "Escolha uma lista de vinte a cinquenta nomes para o seu primeiro evento: nomes "
        "suficientes para todas as pessoas, poucos o bastante para verificar antes que "
        "existem fontes."
    ),
    "Check: finding the gap": "Verificação: encontrar a desigualdade",
    ("Which Wikidata property records a person's sex or gender?"): (
        "Que propriedade da Wikidata regista o sexo ou género de uma pessoa?"
    ),
    "P21": "P21",
    "Right: P21 is sex or gender.": "Certo: P21 é sexo ou género.",
    "P27": "P27",
    "P27 is country of citizenship.": "P27 é país de cidadania.",
    "P106": "P106",
    "P106 is occupation.": "P106 é ocupação.",
    ("Which item identifier means *human* on Wikidata (for example Q42)?"): (
        "Que identificador de item significa *ser humano* na Wikidata (por exemplo Q42)?"
    ),
    ("Your query finds 380 women among 2,000 biographies. What percentage are women?"): (
        "A sua consulta encontra 380 mulheres em 2000 biografias. Que percentagem são mulheres?"
    ),
    ("Where can you find notable women who have no article yet?"): (
        "Onde pode encontrar mulheres notáveis que ainda não têm artigo?"
    ),
    "Women in Red lists": "Listas do Women in Red",
    "National biographical dictionaries": "Dicionários biográficos nacionais",
    "Anonymous social media posts": "Publicações anónimas nas redes sociais",
    (
        "These are not reliable sources: they cannot show notability."
    ): "Não são fontes fiáveis: não podem mostrar notoriedade.",
    "Prize and award winners": "Pessoas premiadas e distinguidas",
    "Planning an edit-a-thon": "Planear uma editatona",
    "Before the day": "Antes do dia",
    (
        "An edit-a-thon is a few hours where people write and improve articles together. The "
        "work that makes it succeed happens in the weeks before."
    ): (
        "Uma editatona são algumas horas em que as pessoas escrevem e melhoram artigos em "
        "conjunto. O trabalho que a torna um sucesso acontece nas semanas anteriores."
    ),
    "Four weeks before": "Quatro semanas antes",
    (
        'Set one goal you can count, for example "twenty new biographies of Kenyan women '
        'scientists".'
    ): (
        'Defina um objetivo que se possa contar, por exemplo "vinte novas biografias de '
        'cientistas quenianas".'
    ),
    (
        "Find a partner: a library, university or women's association brings a room, sources "
        "and participants."
    ): (
        "Encontre uma parceria: uma biblioteca, universidade ou associação de mulheres traz "
        "uma sala, fontes e participantes."
    ),
    (
        "Create an event page on your wiki and an event on the Programs & Events Dashboard, "
        "which tracks every edit participants make."
    ): (
        "Crie uma página do evento na sua wiki e um evento no Programs & Events Dashboard, "
        "que acompanha cada edição feita pelas participantes."
    ),
    "One week before": "Uma semana antes",
    ("Check the room's connection and power sockets; plan for phones as well as laptops."): (
        "Verifique a ligação à internet e as tomadas da sala; planeie para telemóveis e "
        "também para computadores portáteis."
    ),
    (
        "Ask participants to create their accounts before the day: a wiki allows only six new"
        " accounts per network address per day, and a whole room shares one address."
    ): (
        "Peça às participantes que criem as contas antes do dia: uma wiki só permite seis "
        "contas novas por endereço de rede por dia, e uma sala inteira partilha um só "
        "endereço."
    ),
    ("Prepare the list of names with at least two sources each."): (
        "Prepare a lista de nomes com pelo menos duas fontes cada."
    ),
    "The day before": "Na véspera",
    (
        "Print the list, the steps to create an article, and your friendly space rules. Paper"
        " works when the connection does not."
    ): (
        "Imprima a lista, os passos para criar um artigo e as suas regras de espaço "
        "acolhedor. O papel funciona quando a ligação falha."
    ),
    "Sources and notability for women's biographies": (
        "Fontes e notoriedade nas biografias de mulheres"
    ),
    (
        "A new biography survives when it shows that the person is notable: that reliable "
        "sources, independent of her, have written about her in some depth."
    ): (
        "Uma biografia nova sobrevive quando mostra que a pessoa é notável: que fontes "
        "fiáveis, independentes dela, escreveram sobre ela com alguma profundidade."
    ),
    "Good sources": "Boas fontes",
    ("Newspapers and magazines with an editorial team, including archives and local papers."): (
        "Jornais e revistas com equipa editorial, incluindo arquivos e jornais locais."
    ),
    "Books and academic articles, in any language.": (
        "Livros e artigos académicos, em qualquer língua."
    ),
    ("Obituaries, biographical dictionaries and official records of prizes."): (
        "Obituários, dicionários biográficos e registos oficiais de prémios."
    ),
    "Weak sources": "Fontes fracas",
    ("Her own website, CV or social media: useful for a date, never for notability."): (
        "O site, o currículo ou as redes sociais dela: úteis para uma data, nunca para a "
        "notoriedade."
    ),
    "Press releases and pages of her employer.": (
        "Comunicados de imprensa e páginas da entidade empregadora dela."
    ),
    "Blogs and forums without editorial control.": "Blogues e fóruns sem controlo editorial.",
    "Writing about living women": "Escrever sobre mulheres vivas",
    (
        "Wikipedia's policy on biographies of living persons asks for a source for every "
        "claim that could be challenged, and for care with private details. Leave out her "
        "address, her family and her health unless reliable sources discuss them."
    ): (
        "A política da Wikipédia sobre biografias de pessoas vivas pede uma fonte para cada "
        "afirmação que possa ser contestada, e cuidado com os detalhes privados. Deixe de "
        "fora a morada, a família e a saúde dela, a não ser que fontes fiáveis falem delas."
    ),
    "Start in a draft": "Comece num rascunho",
    (
        "Write the first version in the Draft namespace or your sandbox, with the sources "
        "already cited, then move it to the encyclopedia. A finished draft is rarely deleted."
    ): (
        "Escreva a primeira versão no domínio Rascunho ou na sua página de testes, já com as "
        "fontes citadas, e depois mova-a para a enciclopédia. Um rascunho terminado raramente"
        " é eliminado."
    ),
    "On the day": "No dia",
    "The day itself is about welcome more than speed.": (
        "O próprio dia é mais sobre acolher do que sobre rapidez."
    ),
    "The first hour": "A primeira hora",
    ("Greet each person by name and pair every newcomer with someone who has edited before."): (
        "Cumprimente cada pessoa pelo nome e junte cada recém-chegada a alguém que já editou antes."
    ),
    ("Read the friendly space rules aloud and say who to talk to if something goes wrong."): (
        "Leia em voz alta as regras de espaço acolhedor e diga com quem falar se algo correr mal."
    ),
    ("Start with a small edit everyone can finish: add a source or a photo caption."): (
        "Comece com uma pequena edição que todas possam terminar: acrescentar uma fonte ou a "
        "legenda de uma foto."
    ),
    "The rest of the day": "O resto do dia",
    (
        "Keep the list of names visible and mark who works on which person, so no two people "
        "write the same article."
    ): (
        "Mantenha a lista de nomes visível e marque quem trabalha em que pessoa, para que "
        "duas pessoas não escrevam o mesmo artigo."
    ),
    ("Ask everyone to add your event hashtag to their edit summaries, for example #WikiGap."): (
        "Peça a todas que acrescentem a hashtag do evento aos resumos de edição, por exemplo "
        "#WikiGap."
    ),
    ("Stop thirty minutes before the end to publish drafts and celebrate what was done."): (
        "Pare trinta minutos antes do fim para publicar os rascunhos e celebrar o que foi feito."
    ),
    "The week after": "Na semana seguinte",
    (
        "Thank participants with the numbers from the dashboard and invite them to the next "
        "meeting. Most new editors who come back do so because someone asked."
    ): (
        "Agradeça às participantes com os números do dashboard e convide-as para o próximo "
        "encontro. A maioria das novas editoras que voltam fá-lo porque alguém as convidou."
    ),
    "Check: planning an edit-a-thon": "Verificação: planear uma editatona",
    ("How many new accounts can be created from one network address per day?"): (
        "Quantas contas novas se podem criar a partir de um endereço de rede por dia?"
    ),
    "Which sources can show that a woman is notable?": (
        "Que fontes podem mostrar que uma mulher é notável?"
    ),
    "A newspaper profile of her": "Um perfil dela num jornal",
    "Her own CV": "O currículo dela",
    "Useful for dates, not for notability.": "Útil para datas, não para a notoriedade.",
    "An academic book about her work": "Um livro académico sobre o trabalho dela",
    "Her employer's press release": "O comunicado de imprensa da entidade empregadora dela",
    "Not independent of her.": "Não é independente dela.",
    "Where should a newcomer write her first biography?": (
        "Onde deve uma recém-chegada escrever a sua primeira biografia?"
    ),
    "In a draft or her sandbox, with sources": (
        "Num rascunho ou na sua página de testes, com fontes"
    ),
    "Yes: a finished draft is rarely deleted.": "Sim: um rascunho terminado raramente é eliminado.",
    "Directly in the encyclopedia, sources later": (
        "Diretamente na enciclopédia, com as fontes depois"
    ),
    "Unsourced new articles are often deleted within hours.": (
        "Os artigos novos sem fontes são muitas vezes eliminados em poucas horas."
    ),
    ("What do participants add to their edit summaries so the event's edits can be counted?"): (
        "O que acrescentam as participantes aos resumos de edição para que as edições do "
        "evento possam ser contadas?"
    ),
    "Safety and measuring results": "Segurança e medição de resultados",
    "Keeping participants safe": "Manter as participantes em segurança",
    (
        "Women who write about women are sometimes targeted: insulting messages, attempts to "
        "find out who they are, edits reverted without reason. Plan for safety from the "
        "start."
    ): (
        "As mulheres que escrevem sobre mulheres são por vezes alvo de ataques: mensagens "
        "insultuosas, tentativas de descobrir quem são, edições revertidas sem razão. Planeie"
        " a segurança desde o início."
    ),
    "Protect identities": "Proteger as identidades",
    ("Suggest usernames that are not a legal name; nobody has to edit under their real name."): (
        "Sugira nomes de utilizador que não sejam o nome legal; ninguém tem de editar com o "
        "seu nome verdadeiro."
    ),
    (
        "Ask before taking or sharing photos of participants, and never publish a list of "
        "participants' usernames with their real names."
    ): (
        "Peça autorização antes de tirar ou partilhar fotos das participantes, e nunca "
        "publique uma lista dos nomes de utilizador das participantes com os nomes "
        "verdadeiros."
    ),
    ("Participants can edit without stating their gender, location or employer."): (
        "As participantes podem editar sem indicar o género, a localização ou a entidade "
        "empregadora."
    ),
    "Have a plan when something goes wrong": "Tenha um plano para quando algo correr mal",
    ("Name two contact people at every event and publish how to reach them."): (
        "Nomeie duas pessoas de contacto em cada evento e publique como falar com elas."
    ),
    (
        "The Universal Code of Conduct applies on every Wikimedia project; report breaches to"
        " the local administrators or through the wiki's reporting channels."
    ): (
        "O Código de Conduta Universal aplica-se em todos os projetos Wikimedia; comunique as"
        " violações aos administradores locais ou pelos canais de denúncia da wiki."
    ),
    ("In an emergency involving a threat of harm, write to emergency@wikimedia.org."): (
        "Numa emergência com ameaça de dano, escreva para emergency@wikimedia.org."
    ),
    "Look after each other": "Cuidem umas das outras",
    (
        "Check in with participants after a hostile exchange. Reply to bad-faith messages "
        "together, or not at all."
    ): (
        "Fale com as participantes depois de uma troca hostil. Respondam em conjunto às "
        "mensagens de má-fé, ou não respondam."
    ),
    "Measuring results": "Medir os resultados",
    "Measure what you promised, and a little more.": "Meça o que prometeu, e um pouco mais.",
    "Counts from the dashboard": "Contagens do dashboard",
    ("Articles created and improved, and words and references added."): (
        "Artigos criados e melhorados, e palavras e referências acrescentadas."
    ),
    "Participants, and how many were new editors.": "Participantes, e quantas eram novas editoras.",
    "Views of the articles you created, a few months later.": (
        "Visualizações dos artigos que criou, alguns meses depois."
    ),
    "The gap itself": "A própria desigualdade",
    (
        "Repeat your baseline query or read Humaniki again after a few months. A group rarely"
        " moves the national figure much; show instead the change in your focus list, for "
        'example "twelve of our forty women scientists now have an article".'
    ): (
        "Repita a consulta do ponto de partida ou volte a ler o Humaniki alguns meses depois."
        " Um grupo raramente muda muito o número nacional; mostre antes a mudança na sua "
        'lista de foco, por exemplo "doze das nossas quarenta cientistas já têm artigo".'
    ),
    "Retention": "Retenção",
    (
        "Count how many new editors made at least one edit three months after the event. This"
        " is the figure that tells you whether your community is growing."
    ): (
        "Conte quantas novas editoras fizeram pelo menos uma edição três meses depois do "
        "evento. É este o número que lhe diz se a sua comunidade está a crescer."
    ),
    "Stories": "Histórias",
    (
        "Numbers convince funders; stories convince people. Ask two participants what they "
        "learnt and what they will write next."
    ): (
        "Os números convencem quem financia; as histórias convencem as pessoas. Pergunte a "
        "duas participantes o que aprenderam e o que vão escrever a seguir."
    ),
    "Keeping going": "Continuar",
    "One event is a start; a habit closes gaps.": (
        "Um evento é um começo; um hábito reduz desigualdades."
    ),
    "Make it regular": "Torne-o regular",
    ("Meet once a month, online or in person, at a time that suits people who work."): (
        "Reúnam-se uma vez por mês, online ou presencialmente, a uma hora que sirva a quem "
        "trabalha."
    ),
    (
        "Join international campaigns such as WikiGap, Women in Red's monthly themes or "
        "#SheSaid, which bring lists, visibility and sometimes prizes."
    ): (
        "Participe em campanhas internacionais como a WikiGap, os temas mensais do Women in "
        "Red ou a #SheSaid, que trazem listas, visibilidade e por vezes prémios."
    ),
    "Grow new organisers": "Forme novas organizadoras",
    "Let experienced participants lead part of each event.": (
        "Deixe as participantes experientes conduzir parte de cada evento."
    ),
    ("Pair them with mentors from other communities through Kuza."): (
        "Junte-as a mentoras de outras comunidades através do Kuza."
    ),
    "Share what you learn": "Partilhe o que aprende",
    (
        "Write a short report after each event: what worked, what did not, and the figures. "
        "The next group that starts an initiative will thank you."
    ): (
        "Escreva um relatório curto depois de cada evento: o que funcionou, o que não "
        "funcionou e os números. O próximo grupo que começar uma iniciativa vai "
        "agradecer-lhe."
    ),
    "Check: safety and results": "Verificação: segurança e resultados",
    ("A participant receives a message threatening violence. Where do you write?"): (
        "Uma participante recebe uma mensagem a ameaçar com violência. Para onde escreve?"
    ),
    "emergency@wikimedia.org": "emergency@wikimedia.org",
    "The talk page of the person who sent it": "A página de discussão da pessoa que a enviou",
    "Never engage alone with a threat.": "Nunca responda sozinha a uma ameaça.",
    "Which of these protect participants' identities?": (
        "Quais destas opções protegem as identidades das participantes?"
    ),
    "Usernames that are not legal names": "Nomes de utilizador que não são nomes legais",
    "Asking before sharing photos": "Pedir autorização antes de partilhar fotos",
    "Publishing usernames next to real names": (
        "Publicar nomes de utilizador ao lado dos nomes verdadeiros"
    ),
    "This exposes people to harassment.": "Isto expõe as pessoas a assédio.",
    ("What is the name of the measure of how many new editors are still editing months later?"): (
        "Como se chama a medida de quantas novas editoras ainda editam meses depois?"
    ),
    ("12 of your 40 focus names now have an article. What percentage is that?"): (
        "12 dos seus 40 nomes de foco já têm artigo. Que percentagem é essa?"
    ),
}
