from __future__ import annotations

from generator.catalogue.suggest import Suggester


def test_closest_finds_a_typo_among_many_names() -> None:
    names = [f"leverandor-{i}-as" for i in range(3000)] + ["sarfag", "epitel-helseteknologi"]
    suggester = Suggester(names)
    assert suggester.closest("sarfagg") == "sarfag"
    assert suggester.closest("epitel-helsetknologi") == "epitel-helseteknologi"
    assert suggester.closest("leverandor-1234-a") == "leverandor-1234-as"


def test_nothing_close_gives_no_suggestion() -> None:
    assert Suggester(["sarfag", "hjemmepuls"]).closest("kvikkapp") is None
    assert Suggester([]).closest("x") is None
