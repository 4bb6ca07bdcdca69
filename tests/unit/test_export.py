import csv
import io
from datetime import datetime, timezone

from competence.domain.content import content
from competence.domain.export import BOM, neutralise, portrait_csv
from competence.domain.portrait import LearnerRow

BANK = content()


def test_formula_cells_are_neutralised():
    for dangerous in ("=1+1", "+33", "-2", "@SUM(A1)", "\tx"):
        assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("Élodie") == "Élodie"


def test_csv_has_a_bom_french_headers_and_one_row_per_learner():
    rows = [
        LearnerRow(1, "=HYPERLINK(\"x\")", "secondaire_2", datetime(2026, 11, 3, 15, tzinfo=timezone.utc), 3, 2,
                   {1: 2, 12: 4}),
        LearnerRow(2, "Chloé Côté", "primaire_3", None, None, 0, {}),
    ]
    text = portrait_csv(rows, BANK, "fr")
    assert text.startswith(BOM)
    table = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert table[0][:4] == ["Nom", "Niveau scolaire", "Dernière activité", "Niveau global"]
    assert table[0][4] == "1. Agir en citoyen éthique à l'ère du numérique" and len(table[0]) == 16
    assert table[1][:4] == ["'=HYPERLINK(\"x\")", "2e cycle du secondaire", "3 novembre 2026", "Compétent"]
    assert table[1][4] == "Intermédiaire" and table[1][15] == "Avancé" and table[1][5] == ""
    assert table[2][:4] == ["Chloé Côté", "3e cycle du primaire", "Aucune activité", ""]


def test_csv_in_english_has_english_headers_levels_and_dates():
    rows = [LearnerRow(1, "Kim", "secondaire_2", datetime(2026, 11, 3, 15, tzinfo=timezone.utc), 3, 1, {1: 4})]
    table = list(csv.reader(io.StringIO(portrait_csv(rows, BANK, "en")[1:]), delimiter=","))
    assert table[0][:4] == ["Name", "School level", "Last activity", "Overall level"]
    assert table[0][4] == "1. Acting as an ethical citizen in the digital age"
    assert table[1][:5] == ["Kim", "Secondary Cycle Two", "November 3, 2026", "Competent", "Advanced"]
