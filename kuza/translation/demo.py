"""Demo translations of the code of conduct, and translators for French, Swahili, Arabic and
Portuguese.

French and Portuguese are complete; Swahili is partial with one translation made from an
earlier wording of the source (so it shows as outdated); Arabic is partial. Translations are
matched to units by their source text, so a reworded code of conduct only leaves those units
untranslated.
"""

from __future__ import annotations

from kuza.accounts.selectors import current_code_of_conduct
from kuza.core.demo_loader import DemoCommunity
from kuza.translation.models import SourceUnit, TranslatorRole, UnitTranslation
from kuza.translation.services import translation_sync_source
from kuza.translation.units import normalise_source, source_hash

# The demo community has no member from a Portuguese-speaking country yet: Claire translates.
TRANSLATORS = {
    "fr": "sophie.bernard",
    "sw": "rehema.mollel",
    "ar": "khadija.benali",
    "pt": "claire.martin",
}

_INTRO = (
    "Kuza is a shared space for people who grow open knowledge together. Everyone here must be "
    "able to take part safely, whatever their gender, origin, language, religion, disability, "
    "age or level of experience."
)
_RESPECT = (
    "Respect and patience, especially with newcomers and people writing in a second language."
)
_CONSENT = "Consent: ask before sharing anything about another person, on or off this platform."
_DATA = (
    "Care with personal data: never reveal where someone lives, works or edits under another name."
)
_HARASSMENT = "Harassment, threats, intimidation or stalking, on or off the platform."
_ATTENTION = "Sexual attention that is not welcome, and discriminatory jokes or language."
_PRESSURE = "Pressure on someone to reveal their identity or to contribute under their real name."
_REPORT = (
    "Report it to the moderators from the page of the person, content or event concerned. "
    "Reports are confidential: the person reported is never told who reported them. Moderators "
    "may warn, hide content or suspend an account."
)
# The Swahili translation of _REPORT was made from this shorter first draft.
_REPORT_FIRST_DRAFT = "Report it to the moderators. Reports are confidential."

FRENCH = {
    "Kuza code of conduct": "Code de conduite de Kuza",
    _INTRO: (
        "Kuza est un espace partagé par celles et ceux qui font grandir ensemble le savoir "
        "libre. Chacune et chacun doit pouvoir y participer en sécurité, quels que soient son "
        "genre, son origine, sa langue, sa religion, son handicap, son âge ou son niveau "
        "d'expérience."
    ),
    "We expect": "Ce que nous attendons",
    _RESPECT: (
        "Le respect et la patience, en particulier envers les nouvelles personnes et celles "
        "qui écrivent dans une deuxième langue."
    ),
    _CONSENT: (
        "Le consentement : demander avant de partager quoi que ce soit au sujet d'une autre "
        "personne, sur cette plateforme ou ailleurs."
    ),
    _DATA: (
        "Le soin des données personnelles : ne jamais révéler où quelqu'un vit, travaille ou "
        "contribue sous un autre nom."
    ),
    "We do not accept": "Ce que nous n'acceptons pas",
    _HARASSMENT: (
        "Le harcèlement, les menaces, l'intimidation ou la traque, sur la plateforme ou en dehors."
    ),
    _ATTENTION: (
        "Les avances sexuelles non désirées, ainsi que les plaisanteries ou propos "
        "discriminatoires."
    ),
    _PRESSURE: (
        "Faire pression sur quelqu'un pour qu'il révèle son identité ou contribue sous son "
        "vrai nom."
    ),
    "If something goes wrong": "En cas de problème",
    _REPORT: (
        "Signalez-le à l'équipe de modération depuis la page de la personne, du contenu ou de "
        "l'événement concerné. Les signalements sont confidentiels : la personne signalée "
        "n'apprend jamais qui l'a signalée. L'équipe de modération peut avertir, masquer du "
        "contenu ou suspendre un compte."
    ),
}

PORTUGUESE = {
    "Kuza code of conduct": "Código de conduta do Kuza",
    _INTRO: (
        "O Kuza é um espaço partilhado por pessoas que fazem crescer juntas o conhecimento "
        "livre. Aqui, todas as pessoas devem poder participar em segurança, seja qual for o seu "
        "género, origem, língua, religião, deficiência, idade ou nível de experiência."
    ),
    "We expect": "Esperamos",
    _RESPECT: (
        "Respeito e paciência, sobretudo com quem chega e com quem escreve numa segunda língua."
    ),
    _CONSENT: (
        "Consentimento: pergunte antes de partilhar seja o que for sobre outra pessoa, nesta "
        "plataforma ou fora dela."
    ),
    _DATA: (
        "Cuidado com os dados pessoais: nunca revele onde alguém vive, trabalha ou edita com "
        "outro nome."
    ),
    "We do not accept": "Não aceitamos",
    _HARASSMENT: "Assédio, ameaças, intimidação ou perseguição, na plataforma ou fora dela.",
    _ATTENTION: "Atenção sexual indesejada, e piadas ou linguagem discriminatórias.",
    _PRESSURE: (
        "Pressionar alguém a revelar a sua identidade ou a contribuir com o seu nome verdadeiro."
    ),
    "If something goes wrong": "Se algo correr mal",
    _REPORT: (
        "Comunique-o à equipa de moderação a partir da página da pessoa, do conteúdo ou do "
        "evento em causa. As denúncias são confidenciais: a pessoa denunciada nunca sabe quem a "
        "denunciou. A moderação pode avisar, ocultar conteúdo ou suspender uma conta."
    ),
}

SWAHILI = {
    "Kuza code of conduct": "Kanuni za maadili za Kuza",
    _INTRO: (
        "Kuza ni nafasi ya pamoja kwa watu wanaokuza maarifa huria pamoja. Kila mtu hapa "
        "lazima aweze kushiriki kwa usalama, bila kujali jinsia, asili, lugha, dini, ulemavu, "
        "umri au kiwango cha uzoefu."
    ),
    "We expect": "Tunatarajia",
    _RESPECT: "Heshima na subira, hasa kwa wageni na watu wanaoandika kwa lugha yao ya pili.",
    _CONSENT: (
        "Ridhaa: uliza kabla ya kushiriki chochote kuhusu mtu mwingine, ndani au nje ya "
        "jukwaa hili."
    ),
    "We do not accept": "Hatukubali",
    _HARASSMENT: "Unyanyasaji, vitisho, uonevu au kuvizia, ndani au nje ya jukwaa.",
    "If something goes wrong": "Jambo likienda vibaya",
}
SWAHILI_OUTDATED = {_REPORT: ("Liripoti kwa wasimamizi. Ripoti ni za siri.", _REPORT_FIRST_DRAFT)}

ARABIC = {
    "Kuza code of conduct": "مدونة سلوك كوزا",
    _INTRO: (
        "كوزا مساحة مشتركة لمن يُنمّون المعرفة الحرة معًا. يجب أن يتمكن كل شخص هنا من "
        "المشاركة بأمان، أيًّا كان جنسه أو أصله أو لغته أو دينه أو إعاقته أو عمره أو مستوى "
        "خبرته."
    ),
    "We expect": "ما نتوقعه",
    _RESPECT: "الاحترام والصبر، ولا سيما مع الوافدين الجدد ومن يكتبون بلغة ثانية.",
    "We do not accept": "ما لا نقبله",
    "If something goes wrong": "إذا ساءت الأمور",
}


def load(community: DemoCommunity) -> None:
    translators = {}
    for language, username in TRANSLATORS.items():
        user = community.users.get(username)
        if user is not None:
            TranslatorRole.objects.create(
                user=user, language=language, granted_by=community.users.get("amina")
            )
            translators[language] = user
    conduct = current_code_of_conduct()
    if conduct is None:
        return
    translatable = translation_sync_source(obj=conduct).translatable
    units = {
        normalise_source(unit.text): unit
        for unit in SourceUnit.objects.filter(field__translatable=translatable, removed=False)
    }
    rows = []
    for language, texts in (("fr", FRENCH), ("sw", SWAHILI), ("ar", ARABIC), ("pt", PORTUGUESE)):
        for source, text in texts.items():
            unit = units.get(normalise_source(source))
            if unit is not None:
                rows.append(_translation(unit, language, text, unit.source_hash, translators))
    for source, (text, draft) in SWAHILI_OUTDATED.items():
        unit = units.get(normalise_source(source))
        if unit is not None:
            rows.append(_translation(unit, "sw", text, source_hash(draft), translators))
    UnitTranslation.objects.bulk_create(rows)
    community.extra["translation_conduct"] = translatable


def _translation(unit, language, text, made_from_hash, translators) -> UnitTranslation:
    return UnitTranslation(
        unit=unit,
        language=language,
        text=text,
        source_hash_at_translation=made_from_hash,
        translator=translators.get(language),
    )
