"""LIX and Flesch on texts whose level a reader can judge."""

from guidance.readability import check, flesch, lix, sentences


def test_short_plain_dutch_scores_low_and_officialese_scores_high():
    plain = "Je mag het altijd zeggen. Het is nooit jouw schuld. Bel de Kindertelefoon."
    hard = ("Grensoverschrijdend gedrag binnen danswerkverbanden vereist onverwijlde melding bij het "
            "daartoe aangewezen meldpunt, overeenkomstig de geldende meldingsprocedures en beleidskaders.")
    assert lix(plain) < 30 < lix(hard)


def test_english_for_children_scores_high_on_flesch():
    assert flesch("You can always tell. It is never your fault. Call the helpline.") > 80
    assert flesch("Organisational accountability necessitates comprehensive documentation of "
                  "institutional safeguarding considerations.") < 30


def test_a_hard_text_shows_its_longest_sentences_first():
    text = ("Kort. " "Grensoverschrijdend gedrag binnen danswerkverbanden vereist onverwijlde melding bij het "
            "daartoe aangewezen meldpunt. Nog een zin met wat woorden erin.")
    result = check(text, "nl", "child")
    assert not result.ok and result.measure == "LIX"
    assert result.longest[0].startswith("Grensoverschrijdend")


def test_headings_and_list_items_count_as_sentences():
    assert sentences("Kop\nEen zin. Nog een\n- punt") == ["Kop", "Een zin.", "Nog een", "- punt"]
