"""The built-in table of Norwegian political parties, with bokmål and nynorsk names.

`data/parties.yml` may add local lists or rename an entry; codes are matched exactly
because `H` and `h` would otherwise hide a typo.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Party:
    code: str
    nb: str
    nn: str
    en: str = ""

    def name(self, language: str) -> str:
        return {"nb": self.nb, "nn": self.nn}.get(language) or self.en or self.nb


BUILT_IN_PARTIES: tuple[Party, ...] = (
    Party("Ap", "Arbeiderpartiet", "Arbeidarpartiet", "Labour Party"),
    Party("H", "Høyre", "Høgre", "Conservative Party"),
    Party("FrP", "Fremskrittspartiet", "Framstegspartiet", "Progress Party"),
    Party("Sp", "Senterpartiet", "Senterpartiet", "Centre Party"),
    Party("SV", "Sosialistisk Venstreparti", "Sosialistisk Venstreparti", "Socialist Left Party"),
    Party("R", "Rødt", "Raudt", "Red Party"),
    Party("V", "Venstre", "Venstre", "Liberal Party"),
    Party("KrF", "Kristelig Folkeparti", "Kristeleg Folkeparti", "Christian Democratic Party"),
    Party("MDG", "Miljøpartiet De Grønne", "Miljøpartiet Dei Grøne", "Green Party"),
    Party("PF", "Pasientfokus", "Pasientfokus", "Patient Focus"),
    Party("INP", "Industri- og Næringspartiet", "Industri- og Næringspartiet",
          "Industry and Business Party"),
    Party("KrF-Sp", "Kristelig Folkeparti og Senterpartiet",
          "Kristeleg Folkeparti og Senterpartiet", "Christian Democrats and Centre Party"),
    Party("PP", "Pensjonistpartiet", "Pensjonistpartiet", "Pensioners' Party"),
    Party("Uav", "Uavhengig representant", "Uavhengig representant", "Independent"),
)


def party_table(local: list[Party] | None = None) -> dict[str, Party]:
    """Built-in parties, with local entries added or replacing those of the same code."""
    table = {party.code: party for party in BUILT_IN_PARTIES}
    for party in local or []:
        table[party.code] = party
    return table
