"""Domain vocabulary: processes, bodies, events and places the lists talk about.

The entity ruler runs before spaCy's statistical NER so that "WSIS+20", "MAG" or
"ICANN84" are never taken for people or places, and so that countries and
demonyms are recognised uniformly for the country of officials and authors.

The gazetteers of government and intergovernmental bodies (``GOVERNMENT_BODIES``,
``INTERGOVERNMENTAL_BODIES``) are real-world acronyms of ministries, regulators and
UN bodies; the officials extractor reads them as evidence that a named person acts
for a government (or for no country, in the intergovernmental case).
"""

from __future__ import annotations

PROCESSES = [
    "WSIS", "WSIS+20", "WSIS+10", "WSIS Forum", "SMSI", "SMSI+20", "CMSI", "CMSI+20",
    "Global Digital Compact", "GDC", "Pact for the Future", "Summit of the Future",
    "Rev1", "Rev 1", "Rev2", "zero draft", "High-Level Meeting", "IGF Mandate", "IGF+",
    "Tunis Agenda", "Geneva Plan of Action", "NETmundial", "NetMundial+10",
]
BODIES = [
    "IGF", "MAG", "ICANN", "GAC", "ALAC", "At-Large", "GNSO", "ccNSO", "NCUC", "NCSG",
    "UNGA", "UN General Assembly", "General Assembly", "Second Committee",
    "ITU", "ITU Council", "ITU-D", "ITU-T", "ITU-R", "UNDESA", "UN DESA", "DESA", "UNESCO",
    "UNCTAD", "CSTD", "ECOSOC", "OHCHR", "UNDP", "OECD", "APEC", "African Union", "AU",
    "European Union", "EU", "European Commission", "G77", "G20", "BRICS", "CARICOM", "ASEAN",
    "ECOWAS", "Internet Society", "ISOC", "IETF", "IAB", "RIPE NCC", "APNIC", "AFRINIC",
    "LACNIC", "ARIN", "FGI", "Foro de Gobernanza de Internet", "IGF Secretariat",
    "EuroDIG", "APrIGF", "AfIGF", "LACIGF", "Youth IGF", "ODET",
]
EVENTS = [
    *(f"ICANN{n}" for n in range(60, 100)), *(f"IGF {year}" for year in range(2006, 2031)),
    *(f"WSIS Forum {year}" for year in range(2010, 2031)), *(f"UNGA{n}" for n in range(70, 90)),
    "PP-22", "PP-26", "WTDC-25", "WCIT-12",
]

# Ministries, regulators and other national bodies known by acronym or short name.
GOVERNMENT_BODIES = [
    "ARCEP", "ANATEL", "ARECOM", "NCC", "ICASA", "TRAI", "Ofcom", "CRTC", "FCC", "IFT",
    "ENACOM", "SUTEL", "ARTP", "ANRT", "INTT", "ARPCE", "BOCRA", "POTRAZ", "ZICTA", "MACRA",
    "TCRA", "BTRC", "MCMC", "IMDA", "TRCSL", "ARTCI", "ANRTIC", "ARPT", "BNetzA", "AGCOM",
    "CNMC", "ANACOM", "UKE", "RRT", "TATT", "NITA", "CAK", "RURA", "ICTA", "MCIT", "MeitY",
    "MoICT", "MICT", "MITIC", "MINPOSTEL", "MINTEL", "MCTN", "MTIC", "MinTIC", "Kominfo",
    "Komdigi", "DICT", "ISED", "BMDV", "BMDS", "DCMS", "DSIT", "NTIA", "Itamaraty",
    "Cancillería", "Quai d'Orsay", "MRE", "MOFA", "DFAT", "GovTech", "ICT Division",
    "Bundestag", "Bundesrat", "Sejm", "Knesset", "Duma", "Storting", "Riksdag",
]
# Intergovernmental bodies: their staff act for no single country.
INTERGOVERNMENTAL_BODIES = [
    "UN DESA", "UNDESA", "DESA", "ITU", "UNESCO", "UNCTAD", "UNDP", "OHCHR", "OECD", "ODET",
    "IGF Secretariat", "WSIS secretariat", "WSIS+20 secretariat", "United Nations Secretariat",
    "Department of Economic and Social Affairs", "World Bank", "European Commission",
    "African Union Commission", "ECOWAS Commission", "ASEAN Secretariat", "CITEL",
    "ATU", "CEPT", "ESCAP", "ECLAC", "CEPAL", "UNECA", "ESCWA", "WIPO", "WTO", "UNICEF",
    "UNHCR", "UN Women", "Commonwealth Secretariat", "Council of Europe", "OSCE",
]

# -- titles: how officials (and people who are not officials) are addressed ------------------

# Forms of address that are themselves public offices.
HONOURS = [
    "His Excellency", "Her Excellency", "Their Excellencies", "H.E.", "H. E.", "Hon.",
    "Hon", "Honourable", "Honorable", "Rt. Hon.", "Right Honourable", "Son Excellence",
    "S.E.", "Su Excelencia", "Sua Excelência", "Excmo.", "Excma.", "Exmo.", "Exma.",
]
# Functional titles of ministers, legislators, diplomats and senior civil servants.
OFFICES = [
    "Ambassador", "Amb.", "Deputy Minister", "Vice Minister", "Vice-Minister",
    "Minister of State", "State Minister", "Minister", "Prime Minister", "Deputy Prime Minister",
    "Cabinet Secretary", "Principal Secretary", "Permanent Secretary", "Joint Secretary",
    "Additional Secretary", "Deputy Secretary", "Assistant Secretary", "Under-Secretary",
    "Undersecretary", "Under Secretary", "Under-Secretary-General", "Assistant Secretary-General",
    "Secretary-General", "Secretary General", "Secretary of State", "State Secretary",
    "Senator", "Sen.", "Congressman", "Congresswoman", "Congressmember", "Assemblyman",
    "Assemblywoman", "Assembly Member", "MP", "MEP", "Deputy Permanent Representative",
    "Permanent Representative", "Chargé d'affaires", "Chargé d’affaires", "Minister Counsellor",
    "Minister-Counsellor", "Counsellor", "Counselor", "First Secretary", "Second Secretary",
    "Third Secretary", "Attaché", "Consul General", "Director-General",
    "Director General", "Deputy Director-General", "Deputy Director General", "Commissioner",
    "Governor", "Mayor", "Legislative Aide", "Parliamentary Secretary", "Special Envoy",
    "Tech Envoy", "Special Rapporteur", "High Commissioner", "High Representative",
    # French
    "Ambassadeur", "Ambassadrice", "Ministre", "Ministre délégué", "Ministre déléguée",
    "Secrétaire d'État", "Secrétaire d’État", "Secrétaire général", "Secrétaire générale",
    "Sénateur", "Sénatrice", "Député", "Députée", "Directeur Général", "Directrice Générale",
    "Directeur général", "Directrice générale", "Conseiller", "Conseillère",
    "Premier Secrétaire", "Première Secrétaire", "Chargé de mission", "Chargée de mission",
    "Commissaire", "Préfet",
    # Spanish
    "Embajador", "Embajadora", "Ministro", "Ministra", "Viceministro", "Viceministra",
    "Subsecretario", "Subsecretaria", "Secretario de Estado", "Secretaria de Estado", "Senador",
    "Senadora", "Diputado", "Diputada", "Asambleísta", "Congresista", "Consejero", "Consejera",
    "Primer Secretario", "Primera Secretaria", "Directora General", "Canciller",
    "Vicecanciller", "Concejal",
    # Portuguese
    "Embaixador", "Embaixadora", "Secretário de Estado", "Secretária de Estado", "Deputado",
    "Deputada", "Conselheiro", "Conselheira", "Primeiro Secretário", "Primeira Secretária",
    "Diretor-Geral", "Diretora-Geral", "Vereador", "Vereadora",
    # German, Indonesian
    "Staatssekretär", "Staatssekretärin", "Botschafter", "Botschafterin", "Abgeordneter",
    "Abgeordnete", "Wakil Menteri", "Menteri",
]
# Titles that chapters and companies use too: official only with a government cue.
AMBIGUOUS = [
    "Director", "Deputy Director", "Directeur", "Directrice", "Directora", "Diretor",
    "Diretora", "Secretary", "Secretario", "Secretaria", "Secrétaire", "Secretário", "Head",
    "Chair", "Chairman", "Chairperson", "Chairwoman", "President", "Presidente", "Présidente",
    "Président", "Presidenta", "Vice President", "Vice-President", "Adviser", "Advisor",
    "Senior Adviser", "Special Adviser", "Coordinator", "Representative", "Rep.",
    "Programme Officer", "Program Officer", "Officer", "Chief", "Chef", "Cheffe", "Jefe", "Jefa",
    "Chefe", "Envoy", "Consul",
]
COURTESY = [
    "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Mx.", "Dr.", "Dr", "Dra.", "Dra",
    "Mme", "Mme.", "Madame", "Mlle", "M.", "Monsieur", "Sr.", "Sra.", "Srta.", "Señor",
    "Señora", "Don", "Doña", "Dona", "Eng.", "Engr.", "Ing.", "Lic.", "Licda.", "Herr", "Frau",
    "Shri", "Smt.", "Dato'", "Datuk", "Pak", "Bapak", "Bu", "Ibu", "Sir", "Dame",
]
ACADEMIC = ["Prof.", "Prof", "Professor", "Professora", "Profesor", "Profesora", "Professeur",
            "Professeure"]

# name | demonym | ISO 3166-1 alpha-2 code
_COUNTRY_TABLE = """
Afghanistan|Afghan|AF  Albania|Albanian|AL  Algeria|Algerian|DZ  Andorra|Andorran|AD
Angola|Angolan|AO  Antigua and Barbuda|Antiguan|AG  Argentina|Argentine|AR
Armenia|Armenian|AM  Australia|Australian|AU  Austria|Austrian|AT
Azerbaijan|Azerbaijani|AZ  Bahamas|Bahamian|BS  Bahrain|Bahraini|BH
Bangladesh|Bangladeshi|BD  Barbados|Barbadian|BB  Belarus|Belarusian|BY
Belgium|Belgian|BE  Belize|Belizean|BZ  Benin|Beninese|BJ  Bhutan|Bhutanese|BT
Bolivia|Bolivian|BO  Bosnia and Herzegovina|Bosnian|BA  Botswana|Botswanan|BW
Brazil|Brazilian|BR  Brunei|Bruneian|BN  Bulgaria|Bulgarian|BG
Burkina Faso|Burkinabe|BF  Burundi|Burundian|BI  Cabo Verde|Cape Verdean|CV
Cambodia|Cambodian|KH  Cameroon|Cameroonian|CM  Canada|Canadian|CA
Central African Republic|Central African|CF  Chad|Chadian|TD  Chile|Chilean|CL
China|Chinese|CN  Colombia|Colombian|CO  Comoros|Comorian|KM  Congo|Congolese|CG
Democratic Republic of the Congo|Congolese|CD  Costa Rica|Costa Rican|CR
Côte d'Ivoire|Ivorian|CI  Croatia|Croatian|HR  Cuba|Cuban|CU  Cyprus|Cypriot|CY
Czechia|Czech|CZ  Denmark|Danish|DK  Djibouti|Djiboutian|DJ  Dominica|Dominican|DM
Dominican Republic|Dominican|DO  Ecuador|Ecuadorian|EC  Egypt|Egyptian|EG
El Salvador|Salvadoran|SV  Equatorial Guinea|Equatoguinean|GQ  Eritrea|Eritrean|ER
Estonia|Estonian|EE  Eswatini|Swazi|SZ  Ethiopia|Ethiopian|ET  Fiji|Fijian|FJ
Finland|Finnish|FI  France|French|FR  Gabon|Gabonese|GA  Gambia|Gambian|GM
Georgia|Georgian|GE  Germany|German|DE  Ghana|Ghanaian|GH  Greece|Greek|GR
Grenada|Grenadian|GD  Guatemala|Guatemalan|GT  Guinea|Guinean|GN
Guinea-Bissau|Bissau-Guinean|GW  Guyana|Guyanese|GY  Haiti|Haitian|HT
Honduras|Honduran|HN  Hungary|Hungarian|HU  Iceland|Icelandic|IS  India|Indian|IN
Indonesia|Indonesian|ID  Iran|Iranian|IR  Iraq|Iraqi|IQ  Ireland|Irish|IE
Israel|Israeli|IL  Italy|Italian|IT  Jamaica|Jamaican|JM  Japan|Japanese|JP
Jordan|Jordanian|JO  Kazakhstan|Kazakh|KZ  Kenya|Kenyan|KE  Kiribati|I-Kiribati|KI
Kuwait|Kuwaiti|KW  Kyrgyzstan|Kyrgyz|KG  Laos|Lao|LA  Latvia|Latvian|LV
Lebanon|Lebanese|LB  Lesotho|Basotho|LS  Liberia|Liberian|LR  Libya|Libyan|LY
Liechtenstein|Liechtensteiner|LI  Lithuania|Lithuanian|LT
Luxembourg|Luxembourgish|LU  Madagascar|Malagasy|MG  Malawi|Malawian|MW
Malaysia|Malaysian|MY  Maldives|Maldivian|MV  Mali|Malian|ML  Malta|Maltese|MT
Marshall Islands|Marshallese|MH  Mauritania|Mauritanian|MR  Mauritius|Mauritian|MU
Mexico|Mexican|MX  Micronesia|Micronesian|FM  Moldova|Moldovan|MD
Monaco|Monegasque|MC  Mongolia|Mongolian|MN  Montenegro|Montenegrin|ME
Morocco|Moroccan|MA  Mozambique|Mozambican|MZ  Myanmar|Burmese|MM
Namibia|Namibian|NA  Nauru|Nauruan|NR  Nepal|Nepali|NP  Netherlands|Dutch|NL
New Zealand|New Zealander|NZ  Nicaragua|Nicaraguan|NI  Niger|Nigerien|NE
Nigeria|Nigerian|NG  North Macedonia|Macedonian|MK  Norway|Norwegian|NO
Oman|Omani|OM  Pakistan|Pakistani|PK  Palau|Palauan|PW  Palestine|Palestinian|PS
Panama|Panamanian|PA  Papua New Guinea|Papua New Guinean|PG  Paraguay|Paraguayan|PY
Peru|Peruvian|PE  Philippines|Philippine|PH  Poland|Polish|PL  Portugal|Portuguese|PT
Qatar|Qatari|QA  Romania|Romanian|RO  Russia|Russian|RU  Rwanda|Rwandan|RW
Saint Lucia|Saint Lucian|LC  Samoa|Samoan|WS  San Marino|Sammarinese|SM
Saudi Arabia|Saudi|SA  Senegal|Senegalese|SN  Serbia|Serbian|RS
Seychelles|Seychellois|SC  Sierra Leone|Sierra Leonean|SL  Singapore|Singaporean|SG
Slovakia|Slovak|SK  Slovenia|Slovenian|SI  Solomon Islands|Solomon Islander|SB
Somalia|Somali|SO  South Africa|South African|ZA  South Korea|Korean|KR
South Sudan|South Sudanese|SS  Spain|Spanish|ES  Sri Lanka|Sri Lankan|LK
Sudan|Sudanese|SD  Suriname|Surinamese|SR  Sweden|Swedish|SE  Switzerland|Swiss|CH
Syria|Syrian|SY  Tajikistan|Tajik|TJ  Tanzania|Tanzanian|TZ  Thailand|Thai|TH
Timor-Leste|Timorese|TL  Togo|Togolese|TG  Tonga|Tongan|TO
Trinidad and Tobago|Trinidadian|TT  Tunisia|Tunisian|TN  Turkey|Turkish|TR
Turkmenistan|Turkmen|TM  Tuvalu|Tuvaluan|TV  Uganda|Ugandan|UG  Ukraine|Ukrainian|UA
United Arab Emirates|Emirati|AE  United Kingdom|British|GB  United States|American|US
Uruguay|Uruguayan|UY  Uzbekistan|Uzbek|UZ  Vanuatu|Vanuatuan|VU
Venezuela|Venezuelan|VE  Vietnam|Vietnamese|VN  Yemen|Yemeni|YE  Zambia|Zambian|ZM
Zimbabwe|Zimbabwean|ZW  Taiwan|Taiwanese|TW  Hong Kong|Hongkonger|HK
Puerto Rico|Puerto Rican|PR  Kosovo|Kosovar|XK
"""


def _parse_table() -> tuple[dict[str, str], dict[str, str]]:
    demonyms, codes = {}, {}
    for entry in _COUNTRY_TABLE.split("  "):
        for line in entry.strip().splitlines():
            name, demonym, code = (part.strip() for part in line.split("|"))
            demonyms[name], codes[code.lower()] = demonym, name
    return demonyms, codes


# country name → demonym; ISO 3166-1 alpha-2 code (lower case) → country name
COUNTRIES, ISO_CODES = _parse_table()

# Other spellings of countries (local languages, short forms, "Republic of …" styles).
LOCAL_NAMES = {
    "Sénégal": "Senegal", "Bénin": "Benin", "Brasil": "Brazil", "México": "Mexico",
    "Perú": "Peru", "Panamá": "Panama", "Tunisie": "Tunisia", "Maroc": "Morocco",
    "Algérie": "Algeria", "Côte d’Ivoire": "Côte d'Ivoire", "Cote d'Ivoire": "Côte d'Ivoire",
    "Ivory Coast": "Côte d'Ivoire", "Deutschland": "Germany", "Allemagne": "Germany",
    "Alemania": "Germany", "España": "Spain", "Espagne": "Spain", "Polska": "Poland",
    "Pologne": "Poland", "Cameroun": "Cameroon", "Camerún": "Cameroon", "Liban": "Lebanon",
    "Líbano": "Lebanon", "Moçambique": "Mozambique", "Mozambique": "Mozambique",
    "Trinidad & Tobago": "Trinidad and Tobago", "UK": "United Kingdom",
    "Great Britain": "United Kingdom", "USA": "United States", "U.S.": "United States",
    "United States of America": "United States", "Argentine": "Argentina",
    "Égypte": "Egypt", "Egipto": "Egypt", "Éthiopie": "Ethiopia", "Haïti": "Haiti",
    "Tchad": "Chad", "Guinée": "Guinea", "Mauritanie": "Mauritania", "Maurice": "Mauritius",
    "Comores": "Comoros", "Tanzanie": "Tanzania", "Ouganda": "Uganda", "Kenia": "Kenya",
    "Nigéria": "Nigeria", "Afrique du Sud": "South Africa", "Sudáfrica": "South Africa",
    "África do Sul": "South Africa", "Suisse": "Switzerland", "Suiza": "Switzerland",
    "Schweiz": "Switzerland", "Österreich": "Austria", "Autriche": "Austria",
    "Italia": "Italy", "Italie": "Italy", "Nederland": "Netherlands", "Pays-Bas": "Netherlands",
    "Países Bajos": "Netherlands", "Belgique": "Belgium", "België": "Belgium",
    "Sverige": "Sweden", "Suède": "Sweden", "Suecia": "Sweden", "Norge": "Norway",
    "Norvège": "Norway", "Noruega": "Norway", "Danmark": "Denmark", "Suomi": "Finland",
    "Türkiye": "Turkey", "Turquie": "Turkey", "Grèce": "Greece", "Grecia": "Greece",
    "Roumanie": "Romania", "Rumania": "Romania", "Hongrie": "Hungary", "Croatie": "Croatia",
    "Serbie": "Serbia", "Srbija": "Serbia", "Arménie": "Armenia", "Géorgie": "Georgia",
    "Russie": "Russia", "Rusia": "Russia", "Ukraine": "Ukraine", "Ucrania": "Ukraine",
    "Chine": "China", "Japon": "Japan", "Japón": "Japan", "Inde": "India",
    "Indonésie": "Indonesia", "Filipinas": "Philippines", "Pilipinas": "Philippines",
    "Corée": "South Korea", "Republic of Korea": "South Korea", "Corea": "South Korea",
    "Viet Nam": "Vietnam", "Mongolie": "Mongolia", "Népal": "Nepal",
    "Kirghizistan": "Kyrgyzstan", "Kyrgyz Republic": "Kyrgyzstan", "Kazakhstan": "Kazakhstan",
    "Ouzbékistan": "Uzbekistan", "Pakistán": "Pakistan", "Bangladés": "Bangladesh",
    "Jamaïque": "Jamaica", "Haití": "Haiti", "República Dominicana": "Dominican Republic",
    "Colombie": "Colombia", "Équateur": "Ecuador", "Bolivie": "Bolivia", "Chili": "Chile",
    "Brésil": "Brazil", "Mexique": "Mexico", "Pérou": "Peru", "Uruguai": "Uruguay",
    "Paraguai": "Paraguay", "Venezuela": "Venezuela", "Estados Unidos": "United States",
    "États-Unis": "United States", "Royaume-Uni": "United Kingdom", "Reino Unido":
    "United Kingdom", "Irlande": "Ireland", "Irlanda": "Ireland", "Portugal": "Portugal",
    "Canadá": "Canada", "Australie": "Australia", "Nouvelle-Zélande": "New Zealand",
    "Cabo Verde": "Cabo Verde", "Cape Verde": "Cabo Verde", "Guiné-Bissau": "Guinea-Bissau",
    "Angola": "Angola", "São Tomé": "Sao Tome and Principe", "Timor Leste": "Timor-Leste",
    "RDC": "Democratic Republic of the Congo", "DRC": "Democratic Republic of the Congo",
    "République démocratique du Congo": "Democratic Republic of the Congo",
    "Czech Republic": "Czechia", "Macedonia": "North Macedonia", "Burma": "Myanmar",
    "Swaziland": "Eswatini", "The Gambia": "Gambia", "Palestinian Territories": "Palestine",
}

# Places inside a country that chapters are named after or sign from.
REGIONS = {
    "Québec": "Canada", "Quebec": "Canada", "Catalonia": "Spain", "Catalunya": "Spain",
    "Catalogne": "Spain", "Scotland": "United Kingdom", "Wales": "United Kingdom",
    "England": "United Kingdom", "Northern Ireland": "United Kingdom", "Bavaria": "Germany",
    "Kerala": "India", "Chennai": "India", "Mumbai": "India", "Bangalore": "India",
    "Kolkata": "India", "Lahore": "Pakistan", "Karachi": "Pakistan", "Islamabad": "Pakistan",
    "Denpasar": "Indonesia", "Bali": "Indonesia", "Lagos": "Nigeria", "Abuja": "Nigeria",
}

# Capital cities (and seats of government) → country; used for signatures and addresses.
CAPITALS = {
    "Accra": "Ghana", "Nairobi": "Kenya", "Dakar": "Senegal", "Kathmandu": "Nepal",
    "Manila": "Philippines", "Bishkek": "Kyrgyzstan", "Kampala": "Uganda", "Dhaka": "Bangladesh",
    "Jakarta": "Indonesia", "Colombo": "Sri Lanka", "Yaoundé": "Cameroon", "Yaounde": "Cameroon",
    "Tunis": "Tunisia", "Beirut": "Lebanon", "Beyrouth": "Lebanon", "Belgrade": "Serbia",
    "Beograd": "Serbia", "Lisbon": "Portugal", "Lisboa": "Portugal", "Bogotá": "Colombia",
    "Bogota": "Colombia", "Quito": "Ecuador", "Maputo": "Mozambique", "Yerevan": "Armenia",
    "Ulaanbaatar": "Mongolia", "Ulan Bator": "Mongolia", "Kingston": "Jamaica",
    "Stockholm": "Sweden", "Berlin": "Germany", "Paris": "France", "Warsaw": "Poland",
    "Warszawa": "Poland", "Buenos Aires": "Argentina", "Brasília": "Brazil",
    "Ciudad de México": "Mexico", "Mexico City": "Mexico", "Ottawa": "Canada",
    "Port of Spain": "Trinidad and Tobago", "Monrovia": "Liberia", "Freetown": "Sierra Leone",
    "Porto-Novo": "Benin", "Cotonou": "Benin", "Nuku'alofa": "Tonga", "Nukuʻalofa": "Tonga",
    "Abidjan": "Côte d'Ivoire", "Bamako": "Mali", "Ouagadougou": "Burkina Faso",
    "Niamey": "Niger", "Lomé": "Togo", "Conakry": "Guinea", "Kigali": "Rwanda",
    "Bujumbura": "Burundi", "Dodoma": "Tanzania", "Dar es Salaam": "Tanzania",
    "Addis Ababa": "Ethiopia", "Kinshasa": "Democratic Republic of the Congo",
    "Brazzaville": "Congo", "Libreville": "Gabon", "Lusaka": "Zambia", "Harare": "Zimbabwe",
    "Lilongwe": "Malawi", "Gaborone": "Botswana", "Windhoek": "Namibia", "Pretoria":
    "South Africa", "Johannesburg": "South Africa", "Cairo": "Egypt", "Le Caire": "Egypt",
    "Rabat": "Morocco", "Algiers": "Algeria", "Alger": "Algeria", "Amman": "Jordan",
    "Islamabad": "Pakistan", "New Delhi": "India", "Delhi": "India", "Thimphu": "Bhutan",
    "Kabul": "Afghanistan", "Tashkent": "Uzbekistan", "Astana": "Kazakhstan",
    "Almaty": "Kazakhstan", "Dushanbe": "Tajikistan", "Tbilisi": "Georgia", "Baku":
    "Azerbaijan", "Bangkok": "Thailand", "Hanoi": "Vietnam", "Phnom Penh": "Cambodia",
    "Vientiane": "Laos", "Kuala Lumpur": "Malaysia", "Tokyo": "Japan", "Seoul": "South Korea",
    "Beijing": "China", "Canberra": "Australia", "Wellington": "New Zealand", "Suva": "Fiji",
    "Apia": "Samoa", "Port Vila": "Vanuatu", "Port Moresby": "Papua New Guinea",
    "Lima": "Peru", "Santiago de Chile": "Chile", "Montevideo": "Uruguay", "Asunción": "Paraguay",
    "La Paz": "Bolivia", "Caracas": "Venezuela", "Panama City": "Panama",
    "San José": "Costa Rica", "Managua": "Nicaragua", "Tegucigalpa": "Honduras",
    "San Salvador": "El Salvador", "Guatemala City": "Guatemala", "Havana": "Cuba",
    "Santo Domingo": "Dominican Republic", "Port-au-Prince": "Haiti", "Bridgetown":
    "Barbados", "Georgetown": "Guyana", "Paramaribo": "Suriname", "Nassau": "Bahamas",
    "Castries": "Saint Lucia", "Madrid": "Spain", "Rome": "Italy", "Roma": "Italy",
    "Vienna": "Austria", "Wien": "Austria", "Bern": "Switzerland", "Brussels": "Belgium",
    "Bruxelles": "Belgium", "Amsterdam": "Netherlands", "The Hague": "Netherlands",
    "Copenhagen": "Denmark", "Oslo": "Norway", "Helsinki": "Finland", "Tallinn": "Estonia",
    "Riga": "Latvia", "Vilnius": "Lithuania", "Prague": "Czechia", "Praha": "Czechia",
    "Bratislava": "Slovakia", "Budapest": "Hungary", "Bucharest": "Romania",
    "București": "Romania", "Sofia": "Bulgaria", "Athens": "Greece", "Zagreb": "Croatia",
    "Ljubljana": "Slovenia", "Sarajevo": "Bosnia and Herzegovina", "Skopje": "North Macedonia",
    "Tirana": "Albania", "Podgorica": "Montenegro", "Pristina": "Kosovo", "Chișinău": "Moldova",
    "Chisinau": "Moldova", "Kyiv": "Ukraine", "Kiev": "Ukraine", "Minsk": "Belarus",
    "Moscow": "Russia", "Ankara": "Turkey", "Dublin": "Ireland", "London": "United Kingdom",
    "Washington, DC": "United States", "Reykjavík": "Iceland", "Valletta": "Malta",
    "Nicosia": "Cyprus", "Luxembourg City": "Luxembourg", "Antananarivo": "Madagascar",
    "Port Louis": "Mauritius", "Nouakchott": "Mauritania",
    "Banjul": "Gambia", "Bissau": "Guinea-Bissau", "Praia": "Cabo Verde", "Juba":
    "South Sudan", "Khartoum": "Sudan", "Mogadishu": "Somalia", "Djibouti City": "Djibouti",
    "Asmara": "Eritrea", "Tripoli": "Libya", "Riyadh": "Saudi Arabia", "Doha": "Qatar",
    "Abu Dhabi": "United Arab Emirates", "Muscat": "Oman", "Kuwait City": "Kuwait",
    "Manama": "Bahrain", "Baghdad": "Iraq", "Tehran": "Iran", "Damascus": "Syria",
    "Ramallah": "Palestine", "Sana'a": "Yemen", "Malé": "Maldives", "Naypyidaw": "Myanmar",
    "Dili": "Timor-Leste", "Bandar Seri Begawan": "Brunei", "Singapore": "Singapore",
}


def entity_patterns() -> list[dict]:
    """Entity-ruler patterns: ORG for bodies, processes and chapters, EVENT, GPE, NORP."""
    orgs = dict.fromkeys(BODIES + PROCESSES + GOVERNMENT_BODIES + INTERGOVERNMENTAL_BODIES)
    patterns = [{"label": "ORG", "pattern": term} for term in orgs]
    patterns += [{"label": "EVENT", "pattern": term} for term in EVENTS]
    places = {**{c: c for c in COUNTRIES}, **LOCAL_NAMES, **CAPITALS}
    patterns += [{"label": "GPE", "pattern": place} for place in places]
    patterns += [{"label": "NORP", "pattern": demonym} for demonym in set(COUNTRIES.values())]
    patterns += _chapter_patterns()
    return patterns


def _chapter_patterns() -> list[dict]:
    """Chapter names ("ISOC Ghana", "Internet Society Nepal Chapter", "Capítulo Brasil")."""
    place = {"IS_TITLE": True, "OP": "+"}
    chapter = {"LOWER": {"IN": ["chapter", "chapitre", "capítulo", "capitulo"]}}
    return [
        {"label": "ORG", "pattern": [{"ORTH": "ISOC"}, place, {**chapter, "OP": "?"}]},
        {"label": "ORG", "pattern": [{"ORTH": "Internet"}, {"ORTH": "Society"}, place,
                                     chapter]},
        {"label": "ORG", "pattern": [chapter, {"LOWER": {"IN": ["du", "de", "of"]},
                                               "OP": "?"}, place]},
    ]
