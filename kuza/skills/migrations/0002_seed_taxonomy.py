"""Seed the community's skill taxonomy: five categories and the skills people named.

This is a snapshot: later changes to the taxonomy go in new migrations or through the admin.
"""

from django.db import migrations

CATEGORIES = [
    # slug, order, {language: (name, description)}
    ("individual", 1, {
        "en": ("Individual (on-wiki editing)", "Skills for contributing on the wikis yourself."),
        "fr": ("Individuelles (contribution sur les wikis)", "Compétences pour contribuer soi-même sur les wikis."),
        "ar": ("فردية (التحرير على الويكي)", "مهارات المساهمة بنفسك في مشاريع الويكي."),
        "sw": ("Binafsi (kuhariri kwenye wiki)", "Ujuzi wa kuchangia mwenyewe kwenye wiki."),
    }),
    ("organizational", 2, {
        "en": ("Organizational (helping others contribute)", "Skills for bringing other people in and supporting them."),
        "fr": ("Organisationnelles (aider les autres à contribuer)", "Compétences pour accueillir d'autres personnes et les accompagner."),
        "ar": ("تنظيمية (مساعدة الآخرين على المساهمة)", "مهارات استقطاب أشخاص آخرين ودعمهم."),
        "sw": ("Kiuratibu (kuwasaidia wengine kuchangia)", "Ujuzi wa kuwaleta watu wengine na kuwasaidia."),
    }),
    ("technical", 3, {
        "en": ("Technical (tools)", "Tools, data and code that make the work faster."),
        "fr": ("Techniques (outils)", "Outils, données et code qui accélèrent le travail."),
        "ar": ("تقنية (الأدوات)", "الأدوات والبيانات والبرمجيات التي تسرّع العمل."),
        "sw": ("Kiufundi (zana)", "Zana, data na msimbo vinavyoharakisha kazi."),
    }),
    ("governance", 4, {
        "en": ("Governance (running organisations)", "Running a user group, chapter or organisation well."),
        "fr": ("Gouvernance (gérer une organisation)", "Bien gérer un groupe d'utilisateurs, une section locale ou une organisation."),
        "ar": ("الحوكمة (إدارة المنظمات)", "إدارة مجموعة مستخدمين أو فرع أو منظمة إدارةً جيدة."),
        "sw": ("Utawala (kuendesha mashirika)", "Kuendesha vizuri kikundi cha watumiaji, tawi au shirika."),
    }),
    ("leadership", 5, {
        "en": ("Leadership & soft skills", "Leading people, speaking, listening and working together."),
        "fr": ("Leadership et compétences humaines", "Diriger, prendre la parole, écouter et travailler ensemble."),
        "ar": ("القيادة والمهارات الشخصية", "قيادة الناس والتحدث والإصغاء والعمل معًا."),
        "sw": ("Uongozi na ujuzi wa kijamii", "Kuongoza watu, kuzungumza, kusikiliza na kufanya kazi pamoja."),
    }),
]

SKILLS = [
    # slug, category, parent, Wikidata item, {language: (name, description)}
    ("article-writing", "individual", None, "", {
        "en": ("Writing Wikipedia articles", "Creating well-sourced articles from scratch."),
        "fr": ("Rédaction d'articles Wikipédia", "Créer des articles bien sourcés à partir de zéro."),
        "ar": ("كتابة مقالات ويكيبيديا", "إنشاء مقالات موثّقة المصادر من البداية."),
        "sw": ("Kuandika makala za Wikipedia", "Kuunda makala zenye vyanzo vizuri kuanzia mwanzo."),
    }),
    ("copy-editing", "individual", "article-writing", "", {
        "en": ("Copy-editing", "Improving the language, structure and style of existing articles."),
        "fr": ("Relecture et correction", "Améliorer la langue, la structure et le style d'articles existants."),
        "ar": ("التدقيق اللغوي", "تحسين لغة المقالات الموجودة وبنيتها وأسلوبها."),
        "sw": ("Kuhariri lugha", "Kuboresha lugha, muundo na mtindo wa makala zilizopo."),
    }),
    ("citing-sources", "individual", "article-writing", "", {
        "en": ("Citing sources", "Finding reliable sources and adding references correctly."),
        "fr": ("Citer ses sources", "Trouver des sources fiables et ajouter des références correctement."),
        "ar": ("الاستشهاد بالمصادر", "إيجاد مصادر موثوقة وإضافة المراجع بشكل صحيح."),
        "sw": ("Kunukuu vyanzo", "Kupata vyanzo vya kuaminika na kuongeza marejeleo ipasavyo."),
    }),
    ("article-translation", "individual", None, "", {
        "en": ("Translating articles", "Translating articles between language editions with Content Translation."),
        "fr": ("Traduction d'articles", "Traduire des articles d'une édition linguistique à l'autre avec l'outil de traduction de contenu."),
        "ar": ("ترجمة المقالات", "ترجمة المقالات بين نسخ اللغات باستخدام أداة ترجمة المحتوى."),
        "sw": ("Kutafsiri makala", "Kutafsiri makala kati ya matoleo ya lugha kwa zana ya Tafsiri ya Maudhui."),
    }),
    ("wikiquote-editing", "individual", None, "Q369", {
        "en": ("Wikiquote editing", "Collecting sourced quotations on Wikiquote."),
        "fr": ("Contribution à Wikiquote", "Rassembler des citations sourcées sur Wikiquote."),
        "ar": ("التحرير في ويكي الاقتباس", "جمع الاقتباسات الموثّقة في ويكي الاقتباس."),
        "sw": ("Kuhariri Wikiquote", "Kukusanya nukuu zenye vyanzo kwenye Wikiquote."),
    }),
    ("wiktionary-editing", "individual", None, "Q151", {
        "en": ("Wiktionary editing", "Adding words, meanings and pronunciations to Wiktionary."),
        "fr": ("Contribution au Wiktionnaire", "Ajouter des mots, des sens et des prononciations au Wiktionnaire."),
        "ar": ("التحرير في ويكاموس", "إضافة الكلمات ومعانيها ونطقها إلى ويكاموس."),
        "sw": ("Kuhariri Wiktionary", "Kuongeza maneno, maana na matamshi kwenye Wiktionary."),
    }),
    ("wikisource-transcription", "individual", None, "Q263", {
        "en": ("Wikisource transcription", "Transcribing and proofreading public-domain texts."),
        "fr": ("Transcription sur Wikisource", "Transcrire et relire des textes du domaine public."),
        "ar": ("النسخ في ويكي مصدر", "نسخ النصوص الموجودة في الملك العام ومراجعتها."),
        "sw": ("Kunakili kwenye Wikisource", "Kunakili na kusahihisha maandishi yaliyo huru kwa umma."),
    }),
    ("photography", "individual", None, "", {
        "en": ("Photography for Commons", "Taking and describing photos that illustrate articles."),
        "fr": ("Photographie pour Commons", "Prendre et décrire des photos qui illustrent les articles."),
        "ar": ("التصوير لكومنز", "التقاط الصور التي توضّح المقالات ووصفها."),
        "sw": ("Upigaji picha kwa Commons", "Kupiga na kueleza picha zinazoonyesha makala."),
    }),
    ("patrolling", "individual", None, "", {
        "en": ("Patrolling recent changes", "Spotting and reverting vandalism, welcoming good-faith newcomers."),
        "fr": ("Patrouille des modifications récentes", "Repérer et annuler le vandalisme, accueillir les nouveaux de bonne foi."),
        "ar": ("مراقبة أحدث التغييرات", "رصد التخريب والتراجع عنه والترحيب بالمبتدئين حسني النية."),
        "sw": ("Kufuatilia mabadiliko ya karibuni", "Kugundua na kurudisha uharibifu, na kuwakaribisha wageni wenye nia njema."),
    }),
    ("event-organising", "organizational", None, "", {
        "en": ("Event organising", "Planning and running meet-ups, workshops and conferences."),
        "fr": ("Organisation d'événements", "Préparer et animer des rencontres, des ateliers et des conférences."),
        "ar": ("تنظيم الفعاليات", "تخطيط اللقاءات وورش العمل والمؤتمرات وإدارتها."),
        "sw": ("Kuandaa matukio", "Kupanga na kuendesha mikutano, warsha na makongamano."),
    }),
    ("edit-a-thons", "organizational", "event-organising", "", {
        "en": ("Running edit-a-thons", "Gathering people to improve articles on a theme together."),
        "fr": ("Animation d'éditathons", "Réunir des personnes pour améliorer ensemble des articles sur un thème."),
        "ar": ("إدارة ماراثونات التحرير", "جمع الناس لتحسين مقالات حول موضوع معيّن معًا."),
        "sw": ("Kuendesha edit-a-thon", "Kuwakusanya watu ili waboreshe pamoja makala za mada fulani."),
    }),
    ("lessons-for-new-users", "organizational", None, "", {
        "en": ("Lessons for new users", "Teaching newcomers their first edits, step by step."),
        "fr": ("Formation des nouveaux contributeurs", "Apprendre aux nouveaux leurs premières modifications, pas à pas."),
        "ar": ("دروس للمستخدمين الجدد", "تعليم المبتدئين تعديلاتهم الأولى خطوة بخطوة."),
        "sw": ("Masomo kwa watumiaji wapya", "Kuwafundisha wageni uhariri wao wa kwanza, hatua kwa hatua."),
    }),
    ("outreach", "organizational", None, "", {
        "en": ("Outreach", "Reaching new communities, schools and institutions."),
        "fr": ("Sensibilisation", "Aller à la rencontre de nouvelles communautés, écoles et institutions."),
        "ar": ("التوعية والتواصل", "الوصول إلى مجتمعات ومدارس ومؤسسات جديدة."),
        "sw": ("Uhamasishaji", "Kuzifikia jamii, shule na taasisi mpya."),
    }),
    ("gender-gap-campaigning", "organizational", "outreach", "", {
        "en": ("Gender-gap campaigning", "Campaigns that bring more women and their stories onto the wikis."),
        "fr": ("Campagnes contre le fossé des genres", "Campagnes qui amènent plus de femmes et leurs histoires sur les wikis."),
        "ar": ("حملات سد الفجوة بين الجنسين", "حملات تجلب مزيدًا من النساء وقصصهن إلى مشاريع الويكي."),
        "sw": ("Kampeni za kuziba pengo la kijinsia", "Kampeni zinazoleta wanawake zaidi na hadithi zao kwenye wiki."),
    }),
    ("mentoring", "organizational", None, "", {
        "en": ("Mentoring", "Guiding another person over weeks or months as they grow."),
        "fr": ("Mentorat", "Accompagner une autre personne pendant des semaines ou des mois dans sa progression."),
        "ar": ("الإرشاد", "توجيه شخص آخر على مدى أسابيع أو أشهر أثناء تطوره."),
        "sw": ("Ushauri elekezi", "Kumwongoza mtu mwingine kwa wiki au miezi anapokua."),
    }),
    ("online-facilitation", "organizational", None, "", {
        "en": ("Facilitation of online meetings", "Running video calls where everyone can take part, even on weak connections."),
        "fr": ("Animation de réunions en ligne", "Animer des visioconférences où chacun peut participer, même avec une connexion faible."),
        "ar": ("تيسير الاجتماعات عبر الإنترنت", "إدارة مكالمات الفيديو بحيث يشارك الجميع، حتى مع اتصال ضعيف."),
        "sw": ("Kuwezesha mikutano ya mtandaoni", "Kuendesha simu za video ambapo kila mtu anashiriki, hata kwa mtandao dhaifu."),
    }),
    ("partnerships", "organizational", None, "", {
        "en": ("Partnerships and collaboration", "Building lasting work with libraries, universities and other organisations."),
        "fr": ("Partenariats et collaboration", "Construire un travail durable avec des bibliothèques, des universités et d'autres organisations."),
        "ar": ("الشراكات والتعاون", "بناء عمل مستدام مع المكتبات والجامعات والمنظمات الأخرى."),
        "sw": ("Ubia na ushirikiano", "Kujenga kazi ya kudumu na maktaba, vyuo vikuu na mashirika mengine."),
    }),
    ("glam-partnerships", "organizational", "partnerships", "", {
        "en": ("GLAM partnerships", "Working with galleries, libraries, archives and museums to share collections."),
        "fr": ("Partenariats GLAM", "Travailler avec galeries, bibliothèques, archives et musées pour partager leurs collections."),
        "ar": ("شراكات المعارض والمكتبات والأرشيفات والمتاحف", "العمل مع المعارض والمكتبات والأرشيفات والمتاحف لمشاركة مجموعاتها."),
        "sw": ("Ubia wa GLAM", "Kufanya kazi na maonyesho, maktaba, kumbukumbu na makumbusho kushiriki mikusanyiko yao."),
    }),
    ("wikipedia-education", "organizational", None, "", {
        "en": ("Wikipedia in education", "Bringing Wikipedia assignments into classrooms and universities."),
        "fr": ("Wikipédia dans l'éducation", "Introduire des travaux sur Wikipédia dans les classes et les universités."),
        "ar": ("ويكيبيديا في التعليم", "إدخال مهام ويكيبيديا إلى الفصول الدراسية والجامعات."),
        "sw": ("Wikipedia katika elimu", "Kuleta kazi za Wikipedia madarasani na vyuo vikuu."),
    }),
    ("community-communication", "organizational", None, "", {
        "en": ("Community communication", "Newsletters, social media and keeping members informed."),
        "fr": ("Communication communautaire", "Lettres d'information, réseaux sociaux et information des membres."),
        "ar": ("التواصل المجتمعي", "النشرات الإخبارية ووسائل التواصل الاجتماعي وإبقاء الأعضاء على اطلاع."),
        "sw": ("Mawasiliano ya jamii", "Majarida, mitandao ya kijamii na kuwajulisha wanachama."),
    }),
    ("wikidata", "technical", None, "Q2013", {
        "en": ("Wikidata", "Editing and modelling structured data on Wikidata."),
        "fr": ("Wikidata", "Modifier et modéliser des données structurées sur Wikidata."),
        "ar": ("ويكي بيانات", "تحرير البيانات المهيكلة ونمذجتها في ويكي بيانات."),
        "sw": ("Wikidata", "Kuhariri na kuunda data iliyopangwa kwenye Wikidata."),
    }),
    ("sparql-queries", "technical", "wikidata", "Q54871", {
        "en": ("SPARQL queries", "Asking Wikidata questions with the Query Service."),
        "fr": ("Requêtes SPARQL", "Interroger Wikidata avec le service de requêtes."),
        "ar": ("استعلامات SPARQL", "طرح الأسئلة على ويكي بيانات عبر خدمة الاستعلام."),
        "sw": ("Hoja za SPARQL", "Kuiuliza Wikidata maswali kwa Huduma ya Hoja."),
    }),
    ("wikicite", "technical", "wikidata", "", {
        "en": ("WikiCite", "Describing books, articles and other sources as open citation data."),
        "fr": ("WikiCite", "Décrire livres, articles et autres sources sous forme de données de citation ouvertes."),
        "ar": ("ويكي سايت", "وصف الكتب والمقالات والمصادر الأخرى كبيانات استشهاد مفتوحة."),
        "sw": ("WikiCite", "Kueleza vitabu, makala na vyanzo vingine kama data huria ya marejeleo."),
    }),
    ("openrefine", "technical", "wikidata", "", {
        "en": ("OpenRefine", "Cleaning spreadsheets and matching them to Wikidata in bulk."),
        "fr": ("OpenRefine", "Nettoyer des tableurs et les rapprocher de Wikidata en masse."),
        "ar": ("أوبن ريفاين", "تنظيف جداول البيانات ومطابقتها مع ويكي بيانات دفعةً واحدة."),
        "sw": ("OpenRefine", "Kusafisha majedwali na kuyaoanisha na Wikidata kwa wingi."),
    }),
    ("commons-structured-data", "technical", None, "Q565", {
        "en": ("Commons and structured data", "Uploading media to Wikimedia Commons and describing it with structured data."),
        "fr": ("Commons et données structurées", "Téléverser des médias sur Wikimedia Commons et les décrire avec des données structurées."),
        "ar": ("كومنز والبيانات المهيكلة", "رفع الوسائط إلى ويكيميديا كومنز ووصفها ببيانات مهيكلة."),
        "sw": ("Commons na data iliyopangwa", "Kupakia picha na sauti kwenye Wikimedia Commons na kuzieleza kwa data iliyopangwa."),
    }),
    ("batch-uploads", "technical", "commons-structured-data", "", {
        "en": ("Batch uploads to Commons", "Uploading a whole collection at once with tools such as Pattypan."),
        "fr": ("Téléversements en masse sur Commons", "Téléverser toute une collection d'un coup avec des outils comme Pattypan."),
        "ar": ("الرفع الجماعي إلى كومنز", "رفع مجموعة كاملة دفعةً واحدة بأدوات مثل باتيبان."),
        "sw": ("Upakiaji wa wingi kwenye Commons", "Kupakia mkusanyiko mzima kwa mara moja kwa zana kama Pattypan."),
    }),
    ("templates-and-lua", "technical", None, "", {
        "en": ("Templates and Lua modules", "Writing the templates and modules that articles are built with."),
        "fr": ("Modèles et modules Lua", "Écrire les modèles et les modules avec lesquels les articles sont construits."),
        "ar": ("القوالب ووحدات لوا", "كتابة القوالب والوحدات التي تُبنى بها المقالات."),
        "sw": ("Violezo na moduli za Lua", "Kuandika violezo na moduli zinazotumika kujenga makala."),
    }),
    ("bots-and-scripts", "technical", None, "", {
        "en": ("Bots and scripts", "Automating repetitive edits responsibly."),
        "fr": ("Robots et scripts", "Automatiser les modifications répétitives de façon responsable."),
        "ar": ("البوتات والسكربتات", "أتمتة التعديلات المتكررة بمسؤولية."),
        "sw": ("Boti na hati za programu", "Kuendesha kiotomatiki uhariri unaojirudia kwa uwajibikaji."),
    }),
    ("campaign-tools", "technical", None, "", {
        "en": ("Campaign tracking tools", "Measuring contributions with the Programs & Events Dashboard and similar tools."),
        "fr": ("Outils de suivi de campagnes", "Mesurer les contributions avec le Programs & Events Dashboard et des outils similaires."),
        "ar": ("أدوات تتبع الحملات", "قياس المساهمات بلوحة البرامج والفعاليات وأدوات مشابهة."),
        "sw": ("Zana za kufuatilia kampeni", "Kupima michango kwa Programs & Events Dashboard na zana zinazofanana."),
    }),
    ("board-training", "governance", None, "", {
        "en": ("Board training", "Roles, duties and good practice for board members."),
        "fr": ("Formation des conseils d'administration", "Rôles, devoirs et bonnes pratiques des membres du conseil."),
        "ar": ("تدريب مجالس الإدارة", "أدوار أعضاء مجلس الإدارة وواجباتهم وأفضل الممارسات."),
        "sw": ("Mafunzo ya bodi", "Majukumu, wajibu na desturi nzuri kwa wajumbe wa bodi."),
    }),
    ("strategic-planning", "governance", None, "", {
        "en": ("Strategic planning", "Setting goals for several years and choosing what not to do."),
        "fr": ("Planification stratégique", "Fixer des objectifs sur plusieurs années et choisir ce qu'on ne fera pas."),
        "ar": ("التخطيط الاستراتيجي", "وضع أهداف لعدة سنوات واختيار ما لن يُنجز."),
        "sw": ("Mipango ya kimkakati", "Kuweka malengo ya miaka kadhaa na kuchagua yasiyofanywa."),
    }),
    ("grant-writing", "governance", None, "", {
        "en": ("Grant writing", "Writing funding proposals, budgets and reports."),
        "fr": ("Rédaction de demandes de subvention", "Rédiger des demandes de financement, des budgets et des rapports."),
        "ar": ("كتابة طلبات المنح", "كتابة مقترحات التمويل والميزانيات والتقارير."),
        "sw": ("Kuandika maombi ya ruzuku", "Kuandika mapendekezo ya ufadhili, bajeti na ripoti."),
    }),
    ("financial-management", "governance", None, "", {
        "en": ("Financial management", "Bookkeeping, budgets and transparent spending."),
        "fr": ("Gestion financière", "Comptabilité, budgets et dépenses transparentes."),
        "ar": ("الإدارة المالية", "مسك الدفاتر والميزانيات والإنفاق الشفاف."),
        "sw": ("Usimamizi wa fedha", "Utunzaji wa hesabu, bajeti na matumizi ya uwazi."),
    }),
    ("project-management", "governance", None, "", {
        "en": ("Project management", "Planning tasks, timelines and people so that projects finish."),
        "fr": ("Gestion de projet", "Planifier tâches, calendriers et personnes pour que les projets aboutissent."),
        "ar": ("إدارة المشاريع", "تخطيط المهام والجداول الزمنية والأشخاص لإنجاز المشاريع."),
        "sw": ("Usimamizi wa miradi", "Kupanga kazi, ratiba na watu ili miradi ikamilike."),
    }),
    ("monitoring-evaluation", "governance", "project-management", "", {
        "en": ("Monitoring and evaluation", "Measuring results and learning from them."),
        "fr": ("Suivi et évaluation", "Mesurer les résultats et en tirer des leçons."),
        "ar": ("الرصد والتقييم", "قياس النتائج والتعلّم منها."),
        "sw": ("Ufuatiliaji na tathmini", "Kupima matokeo na kujifunza kutoka kwayo."),
    }),
    ("safe-spaces", "governance", None, "", {
        "en": ("Safe and friendly spaces", "Codes of conduct, handling reports and keeping people safe."),
        "fr": ("Espaces sûrs et bienveillants", "Codes de conduite, traitement des signalements et sécurité des personnes."),
        "ar": ("المساحات الآمنة والودية", "مدونات السلوك ومعالجة البلاغات والحفاظ على سلامة الناس."),
        "sw": ("Maeneo salama na rafiki", "Kanuni za maadili, kushughulikia ripoti na kuwaweka watu salama."),
    }),
    ("volunteer-management", "governance", None, "", {
        "en": ("Volunteer management", "Recruiting, thanking and keeping volunteers."),
        "fr": ("Gestion des bénévoles", "Recruter, remercier et fidéliser les bénévoles."),
        "ar": ("إدارة المتطوعين", "استقطاب المتطوعين وشكرهم والحفاظ عليهم."),
        "sw": ("Usimamizi wa wanaojitolea", "Kuwapata, kuwashukuru na kuwadumisha wanaojitolea."),
    }),
    ("in-depth-leadership", "leadership", None, "", {
        "en": ("In-depth leadership", "Leading a community through change, with a clear vision and care for people."),
        "fr": ("Leadership approfondi", "Conduire une communauté à travers le changement, avec une vision claire et du soin pour les personnes."),
        "ar": ("القيادة المعمّقة", "قيادة مجتمع عبر التغيير برؤية واضحة واهتمام بالناس."),
        "sw": ("Uongozi wa kina", "Kuongoza jamii katika mabadiliko, kwa maono wazi na kuwajali watu."),
    }),
    ("making-presentations", "leadership", None, "", {
        "en": ("Making presentations", "Preparing clear slides and talks for any audience."),
        "fr": ("Réalisation de présentations", "Préparer des diapositives et des exposés clairs pour tout public."),
        "ar": ("إعداد العروض التقديمية", "إعداد شرائح وعروض واضحة لأي جمهور."),
        "sw": ("Kuandaa mawasilisho", "Kuandaa slaidi na hotuba zilizo wazi kwa hadhira yoyote."),
    }),
    ("public-speaking", "leadership", "making-presentations", "", {
        "en": ("Public speaking", "Speaking with confidence at events and in the media."),
        "fr": ("Prise de parole en public", "Parler avec assurance lors d'événements et dans les médias."),
        "ar": ("الخطابة العامة", "التحدث بثقة في الفعاليات ووسائل الإعلام."),
        "sw": ("Kuzungumza hadharani", "Kuzungumza kwa kujiamini kwenye matukio na vyombo vya habari."),
    }),
    ("storytelling", "leadership", None, "", {
        "en": ("Storytelling", "Telling the story of your work so that others join in."),
        "fr": ("Art du récit", "Raconter l'histoire de son travail pour que d'autres s'y joignent."),
        "ar": ("فن السرد", "رواية قصة عملك بحيث ينضم إليه الآخرون."),
        "sw": ("Usimulizi wa hadithi", "Kusimulia hadithi ya kazi yako ili wengine wajiunge."),
    }),
    ("conflict-resolution", "leadership", None, "", {
        "en": ("Conflict resolution", "Calming disputes and helping people find agreement."),
        "fr": ("Résolution de conflits", "Apaiser les différends et aider les personnes à trouver un accord."),
        "ar": ("حل النزاعات", "تهدئة الخلافات ومساعدة الناس على الوصول إلى اتفاق."),
        "sw": ("Utatuzi wa migogoro", "Kutuliza mizozo na kuwasaidia watu kufikia makubaliano."),
    }),
    ("negotiation", "leadership", "conflict-resolution", "", {
        "en": ("Negotiation", "Reaching fair agreements with partners and funders."),
        "fr": ("Négociation", "Parvenir à des accords équitables avec partenaires et financeurs."),
        "ar": ("التفاوض", "التوصل إلى اتفاقات عادلة مع الشركاء والممولين."),
        "sw": ("Majadiliano", "Kufikia makubaliano ya haki na wabia na wafadhili."),
    }),
    ("coaching", "leadership", None, "", {
        "en": ("Coaching", "Helping someone find their own answers through questions."),
        "fr": ("Coaching", "Aider quelqu'un à trouver ses propres réponses par des questions."),
        "ar": ("التدريب الشخصي", "مساعدة شخص على إيجاد إجاباته بنفسه من خلال الأسئلة."),
        "sw": ("Ukochaji", "Kumsaidia mtu kupata majibu yake mwenyewe kwa kuuliza maswali."),
    }),
    ("time-management", "leadership", None, "", {
        "en": ("Time management", "Balancing volunteering with work, study and family."),
        "fr": ("Gestion du temps", "Concilier bénévolat, travail, études et famille."),
        "ar": ("إدارة الوقت", "الموازنة بين التطوع والعمل والدراسة والأسرة."),
        "sw": ("Usimamizi wa muda", "Kusawazisha kujitolea na kazi, masomo na familia."),
    }),
    ("feedback", "leadership", None, "", {
        "en": ("Giving and receiving feedback", "Saying what works and what could improve, kindly and clearly."),
        "fr": ("Donner et recevoir des retours", "Dire ce qui marche et ce qui peut s'améliorer, avec bienveillance et clarté."),
        "ar": ("تقديم الملاحظات وتلقيها", "قول ما ينجح وما يمكن تحسينه بلطف ووضوح."),
        "sw": ("Kutoa na kupokea mrejesho", "Kusema kinachofanya kazi na kinachoweza kuboreshwa, kwa upole na uwazi."),
    }),
]

TRANSLATED = ("fr", "ar", "sw")


def seed(apps, schema_editor):
    SkillCategory = apps.get_model("skills", "SkillCategory")
    SkillCategoryTranslation = apps.get_model("skills", "SkillCategoryTranslation")
    Skill = apps.get_model("skills", "Skill")
    SkillTranslation = apps.get_model("skills", "SkillTranslation")
    categories = {}
    for slug, order, texts in CATEGORIES:
        name, description = texts["en"]
        category, _created = SkillCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
        categories[slug] = category
        for language in TRANSLATED:
            name, description = texts[language]
            SkillCategoryTranslation.objects.get_or_create(
                category=category,
                language=language,
                defaults={"name": name, "description": description},
            )
    skills = {}
    for slug, category, parent, wikidata_id, texts in SKILLS:
        name, description = texts["en"]
        skill, _created = Skill.objects.get_or_create(
            slug=slug,
            defaults={
                "category": categories[category],
                "parent": skills.get(parent),
                "name": name,
                "description": description,
                "wikidata_id": wikidata_id,
            },
        )
        skills[slug] = skill
        for language in TRANSLATED:
            name, description = texts[language]
            SkillTranslation.objects.get_or_create(
                skill=skill, language=language, defaults={"name": name, "description": description}
            )


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
