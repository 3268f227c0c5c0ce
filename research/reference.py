"""The institute's own forms: the figures every centre for social work sends twice a
month on domestic violence (the «Аурора» collection, programme III 1. and 2.4) and the
centres' annual report (III 2.2). Content in Serbian, as the centres read it; a field's
code is its XLSX column and never changes within a version."""

from pzss.core.models import InstitutionKind
from research.form_services import DataSetSpec, FieldSpec, RuleSpec
from research.models import FieldType, Frequency, RuleKind

INT = FieldType.INTEGER
NEW = "Нове пријаве"
VICTIMS = "Жртве"
KINDS = "Облици насиља"
MEASURES = "Предузете мере"

DOMESTIC_VIOLENCE = DataSetSpec(
    code="aurora",
    name="Насиље у породици и над женама у партнерским односима («Аурора»)",
    description=(
        "Нове пријаве насиља у породици и мере предузете у раду на случају, два пута "
        "месечно, по налогу Министарства за рад, запошљавање, борачка и социјална питања."
    ),
    frequency=Frequency.TWICE_A_MONTH,
    deadline_days=3,
    expected_kinds=(InstitutionKind.CSW,),
    fields=(
        FieldSpec(
            "reports", "Нове пријаве насиља у породици", INT, "пријава", min_value=0, section=NEW
        ),
        FieldSpec(
            "reports_partner",
            "од тога: насиље над женама у партнерском односу",
            INT,
            "пријава",
            min_value=0,
            section=NEW,
        ),
        FieldSpec("victims", "Жртве, укупно", INT, "особа", min_value=0, section=VICTIMS),
        FieldSpec(
            "victims_women", "Жртве женског пола", INT, "особа", min_value=0, section=VICTIMS
        ),
        FieldSpec("victims_men", "Жртве мушког пола", INT, "особа", min_value=0, section=VICTIMS),
        FieldSpec(
            "victims_children",
            "од тога: деца (до 18 година)",
            INT,
            "особа",
            min_value=0,
            section=VICTIMS,
        ),
        FieldSpec(
            "victims_elderly",
            "од тога: старији од 65 година",
            INT,
            "особа",
            min_value=0,
            section=VICTIMS,
        ),
        FieldSpec("physical", "Физичко насиље", INT, "пријава", min_value=0, section=KINDS),
        FieldSpec("psychological", "Психичко насиље", INT, "пријава", min_value=0, section=KINDS),
        FieldSpec("sexual", "Сексуално насиље", INT, "пријава", min_value=0, section=KINDS),
        FieldSpec("economic", "Економско насиље", INT, "пријава", min_value=0, section=KINDS),
        FieldSpec(
            "urgent_measures",
            "Хитне мере (удаљење, забрана приласка)",
            INT,
            "мера",
            min_value=0,
            section=MEASURES,
        ),
        FieldSpec(
            "protection_plans",
            "Индивидуални планови заштите и подршке жртви",
            INT,
            "план",
            min_value=0,
            section=MEASURES,
        ),
        FieldSpec(
            "shelter",
            "Смештај жртве (прихватилиште, сродничка породица)",
            INT,
            "особа",
            min_value=0,
            section=MEASURES,
        ),
        FieldSpec(
            "coordination_meetings",
            "Састанци групе за координацију и сарадњу",
            INT,
            "састанак",
            min_value=0,
            section=MEASURES,
        ),
        FieldSpec(
            "note",
            "Напомена",
            FieldType.TEXT,
            required=False,
            help_text="Без личних података: ни имена, ни ЈМБГ, ни адресе.",
        ),
    ),
    rules=(
        RuleSpec(RuleKind.PART_OF, "reports", ("reports_partner",)),
        RuleSpec(RuleKind.SUM_EQUALS, "victims", ("victims_women", "victims_men")),
        RuleSpec(RuleKind.PART_OF, "victims", ("victims_children", "victims_elderly")),
        RuleSpec(RuleKind.PART_OF, "reports", ("physical", "psychological", "sexual", "economic")),
    ),
)

USERS = "Корисници"
CARE = "Заштита деце"
STAFF = "Запослени"

CSW_ANNUAL = DataSetSpec(
    code="csw-annual",
    name="Годишњи извештај о раду центра за социјални рад",
    description="Подаци за обједињени извештај о раду центара за социјални рад у АП Војводини.",
    frequency=Frequency.YEARLY,
    deadline_days=45,
    expected_kinds=(InstitutionKind.CSW,),
    fields=(
        FieldSpec("users", "Корисници, укупно", INT, "особа", min_value=0, section=USERS),
        FieldSpec("users_children", "деца (0–17)", INT, "особа", min_value=0, section=USERS),
        FieldSpec("users_youth", "млади (18–25)", INT, "особа", min_value=0, section=USERS),
        FieldSpec("users_adults", "одрасли (26–64)", INT, "особа", min_value=0, section=USERS),
        FieldSpec("users_elderly", "старији (65 и више)", INT, "особа", min_value=0, section=USERS),
        FieldSpec(
            "new_users",
            "од тога: нови корисници у години",
            INT,
            "особа",
            min_value=0,
            section=USERS,
        ),
        FieldSpec(
            "foster_care", "Деца на породичном смештају", INT, "дете", min_value=0, section=CARE
        ),
        FieldSpec(
            "residential_care", "Деца на домском смештају", INT, "дете", min_value=0, section=CARE
        ),
        FieldSpec(
            "children_under_six_away",
            "од тога: деца до шест година ван породице",
            INT,
            "дете",
            min_value=0,
            section=CARE,
        ),
        FieldSpec(
            "staff", "Запослени, укупно", INT, "особа", min_value=0, max_value=2000, section=STAFF
        ),
        FieldSpec(
            "professionals", "од тога: стручни радници", INT, "особа", min_value=0, section=STAFF
        ),
        FieldSpec(
            "licensed", "Сви стручни радници имају лиценцу", FieldType.BOOLEAN, section=STAFF
        ),
        FieldSpec(
            "main_challenge",
            "Највећи изазов у раду",
            FieldType.CHOICE,
            choices=(
                "Недостатак кадра",
                "Простор и опрема",
                "Финансије",
                "Међусекторска сарадња",
                "Друго",
            ),
            section=STAFF,
        ),
        FieldSpec(
            "budget",
            "Средства из буџета локалне самоуправе",
            FieldType.DECIMAL,
            "дин.",
            min_value=0,
            required=False,
            section=STAFF,
        ),
        FieldSpec(
            "comment",
            "Коментар",
            FieldType.TEXT,
            required=False,
            help_text="Без личних података корисника.",
        ),
    ),
    rules=(
        RuleSpec(
            RuleKind.SUM_EQUALS,
            "users",
            ("users_children", "users_youth", "users_adults", "users_elderly"),
        ),
        RuleSpec(RuleKind.PART_OF, "users", ("new_users",)),
        RuleSpec(RuleKind.PART_OF, "staff", ("professionals",)),
    ),
)

REFERENCE_FORMS = (DOMESTIC_VIOLENCE, CSW_ANNUAL)
