"""Domain vocabulary: processes, bodies, events and places the lists talk about.

The entity ruler runs before spaCy's statistical NER so that "WSIS+20", "MAG" or
"ICANN84" are never taken for people or places, and so that countries and
demonyms are recognised uniformly for the country of officials and authors.
"""

from __future__ import annotations

PROCESSES = [
    "WSIS", "WSIS+20", "WSIS+10", "WSIS Forum", "SMSI", "SMSI+20", "CMSI", "CMSI+20",
    "Global Digital Compact", "GDC", "Pact for the Future", "Summit of the Future",
    "Rev1", "Rev 1", "zero draft", "High-Level Meeting", "IGF Mandate",
]
BODIES = [
    "IGF", "MAG", "ICANN", "GAC", "ALAC", "UNGA", "UN General Assembly", "General Assembly",
    "ITU", "ITU Council", "UNDESA", "UN DESA", "DESA", "UNESCO", "UNCTAD", "CSTD", "ECOSOC",
    "OHCHR", "UNDP", "OECD", "APEC", "African Union", "AU", "European Union", "EU",
    "European Commission", "G77", "Internet Society", "ISOC", "IETF", "IAB", "RIPE NCC",
    "APNIC", "AFRINIC", "LACNIC", "ARIN", "FGI", "Foro de Gobernanza de Internet",
]
EVENTS = ["ICANN84", "ICANN83", "ICANN85", "IGF 2025", "WSIS Forum 2025", "PP-26", "WTDC-25"]

COUNTRIES = {
    "Afghanistan": "Afghan", "Albania": "Albanian", "Algeria": "Algerian",
    "Argentina": "Argentine", "Armenia": "Armenian", "Australia": "Australian",
    "Austria": "Austrian", "Bangladesh": "Bangladeshi", "Belgium": "Belgian", "Benin": "Beninese",
    "Bolivia": "Bolivian", "Brazil": "Brazilian", "Bulgaria": "Bulgarian",
    "Burkina Faso": "Burkinabe", "Cameroon": "Cameroonian", "Canada": "Canadian",
    "Chile": "Chilean", "China": "Chinese", "Colombia": "Colombian", "Costa Rica": "Costa Rican",
    "Côte d'Ivoire": "Ivorian", "Croatia": "Croatian", "Cuba": "Cuban", "Denmark": "Danish",
    "Dominican Republic": "Dominican", "Ecuador": "Ecuadorian", "Egypt": "Egyptian",
    "Estonia": "Estonian", "Ethiopia": "Ethiopian", "Fiji": "Fijian", "Finland": "Finnish",
    "France": "French", "Gambia": "Gambian", "Georgia": "Georgian", "Germany": "German",
    "Ghana": "Ghanaian", "Greece": "Greek", "Guatemala": "Guatemalan", "Haiti": "Haitian",
    "Honduras": "Honduran", "Hungary": "Hungarian", "India": "Indian",
    "Indonesia": "Indonesian", "Iran": "Iranian", "Ireland": "Irish", "Israel": "Israeli",
    "Italy": "Italian", "Jamaica": "Jamaican", "Japan": "Japanese", "Jordan": "Jordanian",
    "Kazakhstan": "Kazakh", "Kenya": "Kenyan", "Kyrgyzstan": "Kyrgyz", "Lebanon": "Lebanese",
    "Liberia": "Liberian", "Malawi": "Malawian", "Malaysia": "Malaysian", "Mali": "Malian",
    "Mauritius": "Mauritian", "Mexico": "Mexican", "Moldova": "Moldovan",
    "Mongolia": "Mongolian", "Morocco": "Moroccan", "Mozambique": "Mozambican",
    "Namibia": "Namibian", "Nepal": "Nepali", "Netherlands": "Dutch", "New Zealand": "New Zealand",
    "Nicaragua": "Nicaraguan", "Niger": "Nigerien", "Nigeria": "Nigerian", "Norway": "Norwegian",
    "Pakistan": "Pakistani", "Palestine": "Palestinian", "Panama": "Panamanian",
    "Paraguay": "Paraguayan", "Peru": "Peruvian", "Philippines": "Philippine",
    "Poland": "Polish", "Portugal": "Portuguese", "Romania": "Romanian", "Russia": "Russian",
    "Rwanda": "Rwandan", "Samoa": "Samoan", "Saudi Arabia": "Saudi", "Senegal": "Senegalese",
    "Serbia": "Serbian", "Sierra Leone": "Sierra Leonean", "Singapore": "Singaporean",
    "Slovenia": "Slovenian", "South Africa": "South African", "South Korea": "Korean",
    "Spain": "Spanish", "Sri Lanka": "Sri Lankan", "Sweden": "Swedish",
    "Switzerland": "Swiss", "Tanzania": "Tanzanian", "Thailand": "Thai", "Togo": "Togolese",
    "Tonga": "Tongan", "Trinidad and Tobago": "Trinidadian", "Tunisia": "Tunisian",
    "Turkey": "Turkish", "Uganda": "Ugandan", "Ukraine": "Ukrainian",
    "United Kingdom": "British", "United States": "American", "Uruguay": "Uruguayan",
    "Uzbekistan": "Uzbek", "Vanuatu": "Vanuatuan", "Venezuela": "Venezuelan",
    "Vietnam": "Vietnamese", "Zambia": "Zambian", "Zimbabwe": "Zimbabwean",
}


def entity_patterns() -> list[dict]:
    """Entity-ruler patterns: ORG for bodies and processes, EVENT, GPE for countries."""
    patterns = [{"label": "ORG", "pattern": term} for term in BODIES + PROCESSES]
    patterns += [{"label": "EVENT", "pattern": term} for term in EVENTS]
    patterns += [{"label": "GPE", "pattern": country} for country in COUNTRIES]
    patterns += [{"label": "NORP", "pattern": demonym} for demonym in set(COUNTRIES.values())]
    return patterns
