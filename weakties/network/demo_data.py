"""The raw material of the demo network: names, organisations, titles and the words of
conversations. ``weakties.network.demo`` draws from these lists with a fixed random seed.

The demo belongs to a product person moving into digital health, based in Chicago. Email
addresses use the reserved ``.example`` domain and phone numbers the fictional 555-01xx and
07700 900xxx ranges, so nobody real is ever written to by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- People -----------------------------------------------------------------------------------


def _culture(weight: int, firsts: str, surnames: str) -> tuple[int, list[str], list[str]]:
    return weight, firsts.split(", "), surnames.split(", ")


# (weight, first names, family names). Weights lean towards a Chicago network; a few people get
# a first and a family name from two different lists, as families do.
CULTURES: list[tuple[int, list[str], list[str]]] = [
    _culture(*row)
    for row in [
        (
            12,
            "James, Emily, Michael, Sarah, Jessica, David, Ashley, Brian, Megan, Tyler, Lauren, "
            "Kevin, Rachel, Nicole, Ryan, Heather, Scott, Amanda",
            "Johnson, Miller, Anderson, Thompson, Walker, Harris, Clark, Lewis, Young, Hall, "
            "Allen, Wright, Mitchell, Carter, Bennett, Brooks, Hayes, Foster, Sullivan, Reed",
        ),
        (
            6,
            "Jamal, Aaliyah, DeShawn, Imani, Marcus, Keisha, Darnell, Tiana, Andre, Jasmine, "
            "Terrence, Monique",
            "Washington, Jackson, Robinson, Coleman, Jenkins, Franklin, Banks, Freeman, Gaines, "
            "Whitfield",
        ),
        (
            8,
            "Alejandro, María, Guadalupe, Javier, Sofía, Diego, Valentina, Luis, Camila, Andrés, "
            "Ximena, Ricardo, Paola, Esteban",
            "García, Hernández, Ramírez, Torres, Flores, Morales, Castillo, Vargas, Mendoza, "
            "Rojas, Gutiérrez, Navarro, Salazar, Ortega",
        ),
        (
            4,
            "Siobhan, Ciarán, Aoife, Declan, Niamh, Eoin, Orla, Fionn, Róisín, Pádraig",
            "Murphy, O'Brien, Kelly, Byrne, Gallagher, Doyle, McCarthy, Fitzgerald, MacLeod, Quinn",
        ),
        (
            4,
            "Katarzyna, Tomasz, Agnieszka, Łukasz, Magdalena, Piotr, Joanna, Marek, Zofia, Paweł",
            "Nowak, Wójcik, Kaczmarek, Mazur, Krawczyk, Zając, Król, Wróbel",
        ),
        (
            5,
            "Wei, Mei, Jun, Xiaoling, Hao, Yan, Lei, Jing, Zhiwei, Ling, Tao, Yuting",
            "Chen, Wang, Li, Zhang, Liu, Huang, Zhou, Wu, Xu, Lin, Zhao",
        ),
        (
            6,
            "Priya, Rohan, Ananya, Arjun, Kavya, Vikram, Neha, Aditya, Pooja, Rahul, Ishaan, Meera",
            "Sharma, Patel, Gupta, Mehta, Kapoor, Singh, Malhotra, Desai, Joshi, Agarwal, Chopra",
        ),
        (
            4,
            "Lakshmi, Karthik, Divya, Suresh, Anjali, Venkat, Deepa, Ravi, Nithya",
            "Iyer, Krishnan, Reddy, Nair, Subramanian, Menon, Raghunathan, Pillai, Ramaswamy",
        ),
        (
            3,
            "Ji-woo, Min-jun, Seo-yeon, Ha-eun, Jae-hyun, Soo-jin, Dong-hyun, Eun-ji",
            "Kim, Park, Lee, Choi, Jung, Kang, Yoon, Han",
        ),
        (
            2,
            "Haruto, Yui, Sota, Aiko, Kenji, Sakura, Takeshi, Naomi, Riku, Emi",
            "Tanaka, Suzuki, Watanabe, Yamamoto, Nakamura, Kobayashi, Sato, Ito, Matsumoto",
        ),
        (
            2,
            "Minh, Linh, Tuan, Thao, Duc, Huong, Quang, Trang",
            "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui",
        ),
        (
            3,
            "Maricel, Jose, Kristine, Mark Anthony, Angelica, Paolo, Rowena, Carlo",
            "Reyes, Cruz, Bautista, Dela Cruz, Villanueva, Aquino, Ramos, Castro",
        ),
        (
            4,
            "Chinedu, Ngozi, Oluwaseun, Adaeze, Emeka, Funmilayo, Tunde, Chiamaka, Ifeanyi, "
            "Yetunde",
            "Okafor, Adeyemi, Nwosu, Balogun, Okonkwo, Eze, Adebayo, Olawale, Obi, Ogunleye",
        ),
        (
            1,
            "Kwame, Ama, Kofi, Abena, Yaw, Efua",
            "Mensah, Asante, Owusu, Boateng",
        ),
        (
            1,
            "Wanjiru, Otieno, Achieng, Kamau, Njeri",
            "Mwangi, Odhiambo, Kariuki",
        ),
        (
            1,
            "Tsion, Dawit, Selam, Yonas, Hiwot",
            "Tesfaye, Haile, Bekele, Girma",
        ),
        (
            3,
            "Omar, Layla, Youssef, Nour, Karim, Rania, Tariq, Salma, Hassan, Yasmin, Amira, Ziad",
            "Haddad, Khalil, Mansour, Nasser, Farouk, Saleh, Aziz, Hamdan, Darwish, Khoury",
        ),
        (
            2,
            "Dariush, Shirin, Arash, Leila, Kian, Parisa, Navid, Mina",
            "Rahimi, Tehrani, Karimi, Hosseini, Jafari, Sadeghi",
        ),
        (
            2,
            "Emre, Elif, Burak, Zeynep, Can, Ayşe, Mert, Selin",
            "Yılmaz, Demir, Kaya, Şahin, Aydın, Öztürk, Arslan, Çelik",
        ),
        (
            3,
            "Ayesha, Imran, Fatima, Bilal, Sana, Farhan, Nusrat, Tanvir",
            "Khan, Qureshi, Siddiqui, Chaudhry, Rahman, Hossain, Ahmed, Malik",
        ),
        (
            2,
            "João, Ana, Thiago, Beatriz, Rafael, Larissa, Gustavo, Mariana",
            "Silva, Oliveira, Santos, Costa, Pereira, Almeida, Carvalho, Ferreira",
        ),
        (
            2,
            "Olena, Dmytro, Iryna, Andriy, Natalia, Oleksandr, Yulia, Serhiy",
            "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Melnyk, Kravchenko, Boyko",
        ),
        (
            2,
            "Lukas, Anna, Jonas, Lena, Felix, Katharina, Matthias, Johanna",
            "Müller, Schmidt, Becker, Hoffmann, Schneider, Wagner, Richter, Krüger",
        ),
        (
            2,
            "Camille, Julien, Élodie, Antoine, Claire, Mathieu, Chloé, Nicolas",
            "Dubois, Lefèvre, Moreau, Laurent, Girard, Rousseau, Fontaine, Mercier",
        ),
        (
            3,
            "Giulia, Marco, Francesca, Alessandro, Chiara, Matteo, Elena, Luca",
            "Rossi, Bianchi, Romano, Esposito, Ricci, Marino, Conti, Gallo",
        ),
        (
            2,
            "Eleni, Nikos, Katerina, Giorgos, Sofia, Dimitris",
            "Papadopoulos, Georgiou, Nikolaidis, Konstantinou, Antonopoulos, Vlachos",
        ),
        (
            1,
            "Søren, Ingrid, Lars, Astrid, Henrik, Freya, Mikael, Sigrid",
            "Andersen, Johansson, Nilsson, Lindqvist, Halvorsen, Dahl",
        ),
        (
            1,
            "Daan, Sanne, Pieter, Lotte, Joris, Femke",
            "de Vries, van Dijk, Bakker, Visser, Jansen",
        ),
        (
            3,
            "Noa, Eitan, Tamar, Yael, Avi, Shira, Ari, Maya",
            "Cohen, Levy, Friedman, Katz, Goldberg, Shapiro, Rosen, Ben-David",
        ),
        (
            1,
            "Fabiola, Jean-Pierre, Nadège, Wesner, Roseline, Frantz",
            "Joseph, Jean-Louis, Étienne, Désir, Louissaint, Célestin",
        ),
    ]
]

# --- Organisations ----------------------------------------------------------------------------

# Titles as (title, level relative to me: a mid-career product and data person).
TITLES: dict[str, list[tuple[str, str]]] = {
    "product": [
        ("Associate Product Manager", "junior"),
        ("Product Manager", "peer"),
        ("Product Manager, Patient Experience", "peer"),
        ("Senior Product Manager", "peer"),
        ("Group Product Manager", "senior"),
        ("Director of Product", "senior"),
        ("VP of Product", "executive"),
        ("Product Designer", "peer"),
        ("Senior UX Researcher", "peer"),
        ("Product Operations Lead", "peer"),
    ],
    "data": [
        ("Data Analyst", "junior"),
        ("Data Scientist", "peer"),
        ("Senior Data Scientist", "peer"),
        ("Data Engineer", "peer"),
        ("Analytics Manager", "senior"),
        ("Head of Data", "senior"),
        ("Machine Learning Engineer", "peer"),
        ("Clinical Data Analyst", "peer"),
    ],
    "engineering": [
        ("Software Engineer", "junior"),
        ("Senior Software Engineer", "peer"),
        ("Staff Engineer", "senior"),
        ("Engineering Manager", "senior"),
        ("QA Lead", "peer"),
        ("Director of Engineering", "senior"),
        ("CTO", "executive"),
        ("Solutions Architect", "peer"),
    ],
    "clinical": [
        ("Registered Nurse", "peer"),
        ("Registered Nurse, ICU", "peer"),
        ("Nurse Manager", "senior"),
        ("Nurse Practitioner", "peer"),
        ("Clinical Informatics Specialist", "peer"),
        ("Director of Nursing Informatics", "senior"),
        ("Chief Medical Information Officer", "executive"),
        ("Hospitalist", "senior"),
        ("Telehealth Program Manager", "peer"),
        ("Pharmacist", "peer"),
        ("Physical Therapist", "peer"),
        ("Patient Safety Officer", "senior"),
    ],
    "business": [
        ("Account Executive", "peer"),
        ("Customer Success Manager", "peer"),
        ("Operations Manager", "peer"),
        ("Marketing Manager", "peer"),
        ("Finance Director", "senior"),
        ("Chief Operating Officer", "executive"),
        ("Chief Executive Officer", "executive"),
        ("Business Analyst", "junior"),
        ("Strategy Consultant", "peer"),
        ("Partnerships Manager", "peer"),
    ],
    "people": [
        ("HR Business Partner", "peer"),
        ("People Operations Manager", "peer"),
        ("Head of People", "senior"),
    ],
    "recruiting": [
        ("Talent Acquisition Partner", "peer"),
        ("Technical Recruiter", "peer"),
        ("Senior Recruiter, Healthcare", "peer"),
        ("Head of Talent", "senior"),
    ],
    "school": [
        ("Professor of Health Informatics", "senior"),
        ("Associate Professor of Nursing", "senior"),
        ("Career Services Adviser", "peer"),
        ("Alumni Relations Officer", "peer"),
        ("Graduate Program Director", "senior"),
    ],
    "association": [
        ("Board Chair", "executive"),
        ("Programs Director", "senior"),
        ("Chapter Lead", "peer"),
        ("Membership Coordinator", "junior"),
    ],
    "events": [
        ("Conference Director", "senior"),
        ("Community Manager", "peer"),
        ("Meetup Organiser", "peer"),
    ],
}

HR_TITLES = {"HR Business Partner", "People Operations Manager", "Head of People"}


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    kind: str  # Organization.Kind value
    industry: str
    domain: str
    city: str
    tracks: dict[str, int]  # title pool -> weight
    weight: int = 1  # how many demo people work here, relatively
    target: bool = False
    insight: str = ""
    website: str = ""
    tags: tuple[str, ...] = field(default=())


ORGS: list[OrgSpec] = [
    OrgSpec(
        "northwind",
        "Northwind Health",
        "employer",
        "Hospital & Health Care",
        "northwind-health.example",
        "Chicago, IL",
        {"product": 4, "data": 3, "engineering": 2, "clinical": 3, "people": 1, "business": 1},
        weight=9,
        target=True,
        insight=(
            "Investing in telemedicine: a new virtual-care division is hiring product and data "
            "people this year. Interviews are a take-home case and a panel; referrals are "
            "read first."
        ),
        website="https://northwind-health.example",
        tags=("healthcare",),
    ),
    OrgSpec(
        "cedar",
        "Cedar Valley Medical Center",
        "employer",
        "Hospital & Health Care",
        "cedarvalleymc.example",
        "Evanston, IL",
        {"clinical": 6, "data": 2, "product": 1, "engineering": 1, "people": 1},
        weight=7,
        target=True,
        insight=(
            "Nurse-led innovation unit is piloting remote patient monitoring on two wards. "
            "People stay for years and speak warmly of their managers; salaries are modest."
        ),
        website="https://cedarvalleymc.example",
        tags=("healthcare",),
    ),
    OrgSpec(
        "lumen",
        "Lumen Diagnostics",
        "employer",
        "Medical Devices",
        "lumendx.example",
        "Chicago, IL",
        {"data": 4, "engineering": 3, "product": 3, "business": 1, "people": 1},
        weight=6,
        target=True,
        insight=(
            "Raised a Series C last year and is building a data platform team. Hiring managers "
            "answer LinkedIn messages within days; ask about on-call for the lab integrations."
        ),
        website="https://lumendx.example",
        tags=("healthcare",),
    ),
    OrgSpec(
        "helix",
        "Helix Analytics",
        "employer",
        "Health Analytics",
        "helixanalytics.example",
        "Chicago, IL",
        {"data": 4, "product": 2, "engineering": 2, "business": 2},
        weight=5,
        insight=(
            "Steer clear for now: three reorganisations in two years, and product reports to "
            "sales since the last one. Two former colleagues left within a year."
        ),
        tags=("healthcare",),
    ),
    OrgSpec(
        "orbital",
        "Orbital Software",
        "employer",
        "Computer Software",
        "orbitalsoftware.example",
        "Chicago, IL",
        {"engineering": 4, "product": 3, "data": 2, "business": 2},
        weight=8,
        insight="My last employer: six years of B2B scheduling software. Left on good terms.",
    ),
    OrgSpec(
        "brightpath",
        "Brightpath Insurance",
        "employer",
        "Insurance",
        "brightpath-ins.example",
        "Naperville, IL",
        {"data": 3, "business": 4, "engineering": 2, "people": 1},
        weight=5,
        insight="Where I started as an analyst: claims data, lots of SQL.",
    ),
    OrgSpec(
        "meridian",
        "Meridian Pharma",
        "employer",
        "Pharmaceuticals",
        "meridianpharma.example",
        "North Chicago, IL",
        {"data": 2, "clinical": 2, "business": 3, "product": 1},
        weight=4,
        tags=("healthcare",),
    ),
    OrgSpec(
        "riverside",
        "Riverside Children's Hospital",
        "employer",
        "Hospital & Health Care",
        "riversidechildrens.example",
        "Milwaukee, WI",
        {"clinical": 5, "data": 1, "business": 1},
        weight=4,
        tags=("healthcare",),
    ),
    OrgSpec(
        "sunrise",
        "Sunrise Home Care",
        "employer",
        "Home Health Care",
        "sunrisehomecare.example",
        "Oak Park, IL",
        {"clinical": 3, "business": 2, "product": 1},
        weight=3,
        insight="Small and growing fast; founders want someone to own their scheduling app.",
        tags=("healthcare",),
    ),
    OrgSpec(
        "kestrel",
        "Kestrel Talent Partners",
        "employer",
        "Staffing & Recruiting",
        "kestreltalent.example",
        "Chicago, IL",
        {"recruiting": 5, "business": 1},
        weight=2,
    ),
    OrgSpec(
        "bluewater",
        "Bluewater Logistics",
        "employer",
        "Logistics & Supply Chain",
        "bluewaterlogistics.example",
        "Chicago, IL",
        {"data": 2, "engineering": 2, "business": 3},
        weight=3,
    ),
    OrgSpec(
        "atlas",
        "Atlas Robotics",
        "employer",
        "Robotics",
        "atlasrobotics.example",
        "Pittsburgh, PA",
        {"engineering": 4, "product": 2, "data": 1},
        weight=3,
    ),
    OrgSpec(
        "coastline",
        "Coastline Bank",
        "employer",
        "Banking",
        "coastlinebank.example",
        "Chicago, IL",
        {"data": 2, "business": 3, "engineering": 1},
        weight=3,
    ),
    OrgSpec(
        "lakeview",
        "Lakeview County Public Health",
        "employer",
        "Government Administration",
        "lakeviewcounty.example",
        "Waukegan, IL",
        {"data": 2, "clinical": 2, "business": 1},
        weight=2,
        tags=("healthcare",),
    ),
    OrgSpec(
        "guild",
        "Digital Health Product Guild",
        "association",
        "Professional Association",
        "dhpguild.example",
        "Chicago, IL",
        {"association": 1},
        weight=1,
        insight=(
            "A member for four years. Monthly virtual roundtables; I sit on the events "
            "committee. "
            "Members post openings in the jobs channel before they go public."
        ),
        website="https://dhpguild.example",
    ),
    OrgSpec(
        "wiht",
        "Women in Health Tech Chicago",
        "association",
        "Professional Association",
        "wihtchicago.example",
        "Chicago, IL",
        {"association": 1},
        weight=1,
        insight="Open to allies; quarterly panels at Northwind's downtown office.",
    ),
    OrgSpec(
        "nursing",
        "Midwest Nursing Informatics Association",
        "association",
        "Professional Association",
        "mnia.example",
        "Indianapolis, IN",
        {"association": 1},
        weight=1,
        tags=("healthcare",),
    ),
    OrgSpec(
        "lakeshore",
        "Lakeshore University",
        "school",
        "Higher Education",
        "lakeshore.example",
        "Chicago, IL",
        {"school": 1},
        weight=2,
        insight="My MS in Health Informatics. The career office helps alumni for life.",
        website="https://lakeshore.example",
    ),
    OrgSpec(
        "eastbrook",
        "Eastbrook College",
        "school",
        "Higher Education",
        "eastbrook.example",
        "Madison, WI",
        {"school": 1},
        weight=1,
        insight="My BA in Economics.",
    ),
    OrgSpec(
        "htf",
        "HealthTech Forward",
        "other",
        "Events Services",
        "healthtechforward.example",
        "Chicago, IL",
        {"events": 1},
        weight=1,
        insight="Runs the HealthTech Forward conference every autumn and the Data & Donuts meetup.",
        website="https://healthtechforward.example",
    ),
]

TARGETS = [spec.key for spec in ORGS if spec.target]
FORMER_EMPLOYERS = ("orbital", "brightpath")
SCHOOLS = ["lakeshore", "lakeshore", "lakeshore", "eastbrook"]

TAGS = [
    "former colleagues",
    "alumni",
    "conference",
    "healthcare",
    "mentors",
    "recruiters",
    "friends & family",
    "volunteering",
]

LOCATIONS = [
    "Chicago, IL",
    "Evanston, IL",
    "Oak Park, IL",
    "Naperville, IL",
    "Milwaukee, WI",
    "Minneapolis, MN",
    "Madison, WI",
    "Indianapolis, IN",
    "Detroit, MI",
    "Boston, MA",
    "New York, NY",
    "Austin, TX",
    "Denver, CO",
    "Seattle, WA",
    "San Francisco, CA",
    "Toronto, ON",
    "London, UK",
    "Remote",
]

AREA_CODES = ["312", "773", "872", "630", "847", "708", "414", "608"]
PERSONAL_DOMAINS = ["mailbox.example", "post.example", "inbox.example"]

# Friends and family outside my field: (title, industry).
PERSONAL_JOBS = [
    ("High-school chemistry teacher", "Education"),
    ("Architect", "Architecture & Planning"),
    ("Firefighter", "Public Safety"),
    ("Chef and restaurant owner", "Restaurants"),
    ("Graduate student in public health", "Higher Education"),
    ("Retired civil engineer", "Civil Engineering"),
    ("Freelance photographer", "Photography"),
    ("Physiotherapist", "Health, Wellness & Fitness"),
    ("Lawyer", "Law Practice"),
    ("Small-business accountant", "Accounting"),
]

# --- How we met ------------------------------------------------------------------------------

CONFERENCES = [
    # (name, days before today); the year is added from the date
    ("HealthTech Forward", 540),
    ("HealthTech Forward", 175),
]
MEETUP = "Data & Donuts"
GUILD_EVENT = "the Guild's monthly roundtable"

HOW_MET = {
    "orbital": [
        "Worked together at Orbital Software",
        "Same product team at Orbital Software for two years",
        "Sat next to each other at Orbital Software",
        "Orbital Software: we ran the customer advisory board together",
    ],
    "brightpath": [
        "Worked together at Brightpath Insurance",
        "Claims analytics team at Brightpath Insurance",
        "My first manager's team at Brightpath Insurance",
    ],
    "lakeshore": [
        "Classmates in the Health Informatics MS at Lakeshore University",
        "Capstone project partners at Lakeshore University",
        "Study group for biostatistics at Lakeshore University",
    ],
    "eastbrook": [
        "Economics classmates at Eastbrook College",
        "Shared a house in our last year at Eastbrook College",
    ],
    "lakeshore staff": [
        "Got to know them while I studied at Lakeshore University",
        "Helped me a lot when I was a student at Lakeshore University",
    ],
    "eastbrook staff": ["Got to know them while I studied at Eastbrook College"],
    "conference": [
        "Met at {event}, after the interoperability panel",
        "Sat at the same lunch table at {event}",
        "Asked a question after their talk at {event}",
        "Queued together for coffee at {event}",
    ],
    "meetup": [
        "Data & Donuts meetup",
        "Gave a lightning talk at Data & Donuts; we talked afterwards",
        "Met at Data & Donuts, then walked to the train together",
    ],
    "association": [
        "Digital Health Product Guild roundtables",
        "Events committee of the Digital Health Product Guild",
        "Women in Health Tech Chicago panel night",
        "Midwest Nursing Informatics Association webinar",
    ],
    "linkedin": [
        "Connected on LinkedIn after I commented on their post about {topic}",
        "They accepted my LinkedIn invitation after a job posting",
        "LinkedIn connection; we share a few former colleagues",
        "Found through the Lakeshore alumni group on LinkedIn",
    ],
    "recruiter": [
        "Reached out to me on LinkedIn about a product role",
        "Recruiter who placed a former colleague at Northwind Health",
        "Met at the Lakeshore career fair",
    ],
    "family": [
        "Neighbour on our street for years",
        "Friend from the Saturday running club",
        "My cousin's partner",
        "Friend since high school",
        "Met through my partner's choir",
        "Old roommate",
    ],
    "introduced": [
        "Introduced by {name}",
        "{name} introduced us by email",
        "{name} suggested I talk to them",
    ],
    "none": [
        "Not met yet: {name} works with them and offered to introduce us",
        "Not met yet: spoke at {event}; {name} knows them",
        "Not met yet: leads the team I want to join; {name} can introduce me",
    ],
}

# --- Conversations -----------------------------------------------------------------------------

TOPICS = [
    "the telemedicine roll-out",
    "remote patient monitoring",
    "FHIR interoperability",
    "their team's hiring plans for the spring",
    "my search for a product role in digital health",
    "moving from software into healthcare",
    "the nurse-scheduling app pilot",
    "how their team measures patient outcomes",
    "the data platform migration",
    "burnout among ICU nurses and what software could fix",
    "the new patient portal",
    "their move into management",
    "a product case study I wrote",
    "what a good first 90 days looks like",
    "the reorganisation at their company",
    "AI triage tools and their limits",
    "prior-authorisation headaches",
    "the Guild's mentoring programme",
    "salary ranges for senior product roles",
    "home-care scheduling",
    "clinical decision support",
    "their conference talk",
    "hospital-at-home programmes",
    "a side project on appointment no-shows",
    "the lab-results integration",
    "accessibility in patient apps",
]

# What I would type after a conversation; the channel is shown next to it, so a summary does
# not repeat it ("Coffee: talked about…", not "Coffee: coffee with…").
SUMMARIES = {
    "coffee": [
        "Talked about {topic}",
        "Near {first}'s office; {first} explained how their team hires for product",
        "Caught up, mostly about {topic}",
    ],
    "call": [
        "{first} told me about {topic}",
        "{first} asked how the search is going",
        "Caught up with {first}; we talked about {topic}",
    ],
    "email": [
        "Sent {first} an article on {topic}",
        "{first} replied about {topic}",
        "Congratulated {first} on the new role",
        "Thanked {first} for the advice on {topic}",
        "Forwarded {first} a job posting that fits them",
        "{first} sent me an opening on their team before it was posted",
    ],
    "message": [
        "LinkedIn message to {first} about {topic}",
        "{first} messaged to ask how the search is going",
        "Texted {first} a link about {topic}",
        "Congratulated {first} on their work anniversary",
    ],
    "video": [
        "{first} walked me through {topic}",
        "Informational interview with {first} about {topic}",
    ],
    "meeting": [
        "Informational interview with {first} about {topic}",
        "Lunch with {first}; talked about {topic}",
        "Visited {first}'s office to hear about {topic}",
    ],
    "event": [
        "Chatted with {first} at {event} about {topic}",
        "Caught up with {first} at {event}",
    ],
    "other": [
        "Ran into {first} at the farmers' market",
        "Bumped into {first} on the train; short chat about {topic}",
    ],
}

GROUP_SUMMARIES = {
    "coffee": ["With {names}: {topic}"],
    "meeting": [
        "Lunch with {names}; mostly {topic}",
        "Informational chat with {names} about {topic}",
    ],
    "video": ["With {names}, about {topic}"],
    "call": ["Group call with {names} about {topic}"],
    "event": ["{event}: lunch table with {names}, talking about {topic}"],
}

# Fields of work, impersonal so they read well inside any next step ("the article on …").
SUBJECTS = [
    "telemedicine roll-outs",
    "remote patient monitoring",
    "FHIR interoperability",
    "nurse scheduling",
    "measuring patient outcomes",
    "data platform migrations",
    "patient portals",
    "AI triage tools",
    "prior authorisation",
    "home-care scheduling",
    "clinical decision support",
    "hospital-at-home programmes",
    "accessibility in patient apps",
]
NEXT_MINE = [
    "Send {first} the article on {subject}",
    "Email {first} next month to check in on their project",
    "Introduce {first} to {other}, who also works on {subject}",
    "Share my updated résumé with {first}",
    "Thank-you note to {first}",
    "Ask {first} how I can help with their work on {subject}",
    "Follow up with {first} about the opening on their team",
    "Send {first} my notes from {event}",
    "Endorse {first} on LinkedIn for {subject}",
    "Book coffee with {first}",
    "Call {first} after their team offsite",
    "Read up on {subject} before talking to {first} again",
    "Send {first} my product case study",
]
NEXT_THEIRS = [
    "{first} will send the job description",
    "{first} to introduce me to their head of product",
    "{first} will check whether the role is open to external candidates",
    "{first} to forward my résumé to the hiring manager",
    "{first} will share the slides from the talk",
    "Waiting for {first} to confirm a date for coffee",
    "{first} will ask their manager about the data team's plans",
]

MEMORIES = [
    "Talking football on Monday mornings",
    "The road trip to the Milwaukee client when the car broke down",
    "Both ran the Chicago half marathon, a minute apart",
    "Taught me to make proper espresso in the office kitchen",
    "Our trivia team won the conference after-party",
    "Shared a cab to O'Hare after the conference and missed the same flight",
    "Swapping sourdough starters",
    "The hackathon where we built a bed-tracking prototype overnight",
    "Singing badly at the team karaoke night",
    "Their dog visiting the office every Friday",
    "The winter the office heating broke and we worked in coats",
    "Debating the best deep-dish pizza in Chicago",
    "Volunteering together at the food bank in December",
    "The demo that crashed in front of the board, and how we laughed about it after",
    "Long walks along the lake talking about careers",
    "Their wedding in Oaxaca",
    "Cheering for the Cubs at the company outing",
    "The chess games at lunch",
    "Our capstone presentation the day of the snowstorm",
    "Recommending each other podcasts on the commute",
    "The Guild picnic when it rained",
    "Learning to kayak on the Chicago River",
]

HELP_IDEAS = [
    "Introduce them to {other}, who is hiring",
    "Send articles on {topic}: they are preparing a talk",
    "Review their résumé: they want to move into product",
    "Invite them to the Data & Donuts meetup",
    "Recommend them on LinkedIn for the analytics work we did together",
    "Beta-test their team's patient-intake app",
    "Tell them about the nursing informatics certificate at Lakeshore",
    "Share my notes on {topic}",
    "Ask how their job search is going and pass on openings I hear about",
    "Offer to mock-interview them for their product interviews",
    "Connect them with the Guild's mentoring programme",
    "Share the SQL course that helped me",
]

NOTES = [
    "Prefers email to phone calls.",
    "Hiring for **two** product roles in Q2; said to mention their name when applying.",
    "Moving to Denver in the summer.",
    "- Kids: two, both in high school\n- Coaches a youth soccer team on Saturdays",
    "Knows everyone in the Northwind virtual-care team.",
    "Writes a newsletter on health data every Sunday: worth reading before a call.",
    "Was laid off last spring; now consulting. Be generous with leads.",
    "Busy in March (budget season); better to reach out in April.",
    "Speaks at HealthTech Forward most years.",
    "Offered to review my portfolio any time.",
    "Started a part-time MBA.",
    "Prefers texts; never checks LinkedIn.",
]

# LinkedIn-style endings of some headlines, by title pool.
HEADLINE_SUFFIXES = {
    "product": [" | Digital health", " | Patient experience", " | Mentor"],
    "data": [" | Data for better care", " | SQL, Python, dbt", " | Speaker"],
    "engineering": [" | Building healthcare software", " | Open source", " | Mentor"],
    "clinical": [" | Nursing informatics", " | Patient safety", " | Telehealth"],
}
