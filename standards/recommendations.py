"""The recommendations (1.1 to 6.3) of the 2023 inquiry into transgressive behaviour in the
Dutch dance sector, as numbered in the government's follow-up table (the seed). Every
criterion of a quality plan names the recommendations it serves; a plan file that names a
code outside this list is refused. The short titles are ours, for the public plan page.
"""

THEMES = {
    "1": {"nl": "Aandacht voor slachtoffers", "en": "Attention for victims"},
    "2": {"nl": "Meldingen en opvolging", "en": "Reports and follow-up"},
    "3": {"nl": "Structuur", "en": "Structure"},
    "4": {"nl": "Cultuur", "en": "Culture"},
    "5": {"nl": "Professionalisering", "en": "Professionalisation"},
    "6": {"nl": "Uitvoering en praktijk", "en": "Implementation and practice"},
}

RECOMMENDATIONS = {
    "1.1": {"nl": "Erken het leed van slachtoffers",
            "en": "Acknowledge the harm done to victims"},
    "1.2": {"nl": "Dansers voelen zich veilig en kunnen nee zeggen",
            "en": "Dancers feel safe and can say no"},
    "1.3": {"nl": "Meer-ogenprincipe en inspraak van ouders",
            "en": "More-eyes principle and a say for parents"},
    "2.1": {"nl": "Dans als eigen discipline, niet weggeschreven onder podiumkunsten",
            "en": "Dance as a discipline of its own, not lumped in with the performing arts"},
    "2.2": {"nl": "Aandacht voor de identiteitsontwikkeling van de danser, niet alleen voor trauma",
            "en": "Attention to the dancer's identity development, not only to trauma"},
    "2.3": {"nl": "Vindbare meldpunten en vertrouwenspersonen met duidelijke taken",
            "en": "Easy-to-find reporting points and confidential advisors with clear roles"},
    "2.4": {"nl": "Meldingen registreren per dansgenre",
            "en": "Record reports by dance genre"},
    "2.5": {"nl": "Meldingen zo opvolgen dat het gedrag stopt",
            "en": "Follow up reports so that the behaviour stops"},
    "2.6": {"nl": "Meldpunten onafhankelijk en met kennis van dans inrichten",
            "en": "Reporting points that are independent and know the dance world"},
    "3.1": {"nl": "Initiatieven goed op elkaar laten aansluiten",
            "en": "Make the various initiatives fit together"},
    "3.2": {"nl": "Cultuur- en sportbeleid op elkaar afstemmen",
            "en": "Align culture and sport policy"},
    "3.3": {"nl": "De voorwaardenscheppende rol van gemeenten",
            "en": "The enabling role of municipalities"},
    "3.4": {"nl": "Samenwerking in de danswereld voor betere kwaliteit",
            "en": "Cooperation in the dance world to raise quality"},
    "3.5": {"nl": "Uniforme eisen en strakker toezicht op de naleving",
            "en": "Uniform requirements and closer supervision of compliance"},
    "3.6": {"nl": "Verantwoording over sociale veiligheid, geen afvinklijst",
            "en": "Accountability for social safety, not a tick-box list"},
    "3.7": {"nl": "Een platform om van elkaar te leren",
            "en": "A platform to learn from each other"},
    "4.1": {"nl": "Doorbreek de code of silence",
            "en": "Break the code of silence"},
    "4.2": {"nl": "Grenzen samen met dansers bepalen",
            "en": "Set boundaries together with dancers"},
    "4.3": {"nl": "Transparantie: voorkom een-op-een situaties",
            "en": "Transparency: prevent one-on-one situations"},
    "4.4": {"nl": "Diversiteit en inclusie als vast onderdeel van het beleid",
            "en": "Diversity and inclusion as an integral part of policy"},
    "5.1": {"nl": "Minder risico's voor kinderen, beter geschoolde docenten",
            "en": "Fewer risks for children, better trained teachers"},
    "5.2": {"nl": "Dubbele belangen openbaar, geen vriendjespolitiek bij jurering",
            "en": "Disclose conflicts of interest, no favouritism in judging"},
    "5.3": {"nl": "Geen papieren werkelijkheid in het dansonderwijs",
            "en": "No paper reality in dance education"},
    "5.4": {"nl": "Duidelijk, ook voor kinderen, wie waarvoor verantwoordelijk is",
            "en": "Make clear, also to children, who is responsible for what"},
    "5.5": {"nl": "Eerlijk over carrièrekansen en rechtspositie",
            "en": "Honest about career prospects and legal position"},
    "5.6": {"nl": "Een betere rechtspositie voor dansers",
            "en": "A better legal position for dancers"},
    "5.7": {"nl": "Rechtspositie en werkdruk van dansdocenten",
            "en": "Legal position and workload of dance teachers"},
    "5.8": {"nl": "Rust, pauzes en een passende vergoeding voor jongeren",
            "en": "Rest, breaks and fair compensation for young dancers"},
    "5.9": {"nl": "De weg naar omscholing voor dansers vindbaar maken",
            "en": "Help dancers find their way to retraining"},
    "5.10": {"nl": "Een gratis VOG voor meer mensen",
             "en": "A free certificate of conduct (VOG) for more people"},
    "6.1": {"nl": "Eigenaarschap en leiderschap",
            "en": "Ownership and leadership"},
    "6.2": {"nl": "Handzame stappenplannen voor dansers",
            "en": "Practical step-by-step plans for dancers"},
    "6.3": {"nl": "Handzame stappenplannen voor dansorganisaties",
            "en": "Practical step-by-step plans for dance organisations"},
}


def recommendation_key(code: str) -> tuple[int, ...]:
    """Sort key: 5.9 before 5.10."""
    return tuple(int(part) for part in code.split("."))


def describe_known_codes() -> str:
    """The known codes as ranges, e.g. `1.1-1.3, 2.1-2.6, ...`, for error messages."""
    by_theme: dict[str, list[str]] = {}
    for code in sorted(RECOMMENDATIONS, key=recommendation_key):
        by_theme.setdefault(code.split(".")[0], []).append(code)
    return ", ".join(f"{codes[0]}-{codes[-1]}" for codes in by_theme.values())
