"""A city named in a need is a filter, in either language; the view says where others are."""

from __future__ import annotations

import pytest

from conftest import Net, keys


@pytest.fixture
def people(net: Net) -> Net:
    net("add", "Ugo Parodi", "--title", "Idraulico", "--city", "Genova")
    net("add", "Ivo Galli", "--title", "Plumber", "--city", "Milano")
    net("add", "Eva Russo", "--title", "Electrician", "--city", "Roma")
    net("add", "Lia Fini", "--title", "Electrician", "--city", "Leeds", "--note", "grew up in Roma")
    net("add", "Tom Rai", "--title", "Dentist", "--city", "remote")
    return net


def test_a_named_city_keeps_only_people_there(people: Net) -> None:
    assert keys(people, "plumber in Genova") == ["ugo-parodi"]
    assert keys(people, "un idraulico a Milano") == ["ivo-galli"]
    assert keys(people, "electrician in Rome") == [
        "eva-russo"
    ]  # Rome is Roma; a note is not a city
    assert sorted(keys(people, "a plumber")) == ["ivo-galli", "ugo-parodi"]  # no city, no filter


def test_a_city_where_nobody_fits_is_no_answer_and_says_where_the_others_are(people: Net) -> None:
    assert keys(people, "electrician in Cork") == []
    assert keys(people, "dentist in Paris") == []  # remote is no city
    result = people("ask", "plumber in Bari")
    assert result.code == 0
    assert "Nobody in Bari fits 'plumber in Bari'" in result.err
    assert "elsewhere: " in result.err and "(Genova)" in result.err and "(Milano)" in result.err


def test_the_city_of_a_thing_says_which_law_not_where_the_person_is(net: Net) -> None:
    net("add", "Anna Costa", "--title", "Notaio", "--city", "Torino")
    net("add", "Rita Sala", "--title", "Avvocato", "--skill", "tenancy law", "--city", "Genova")
    net("add", "Ugo Parodi", "--title", "Idraulico", "--city", "Torino")
    net("add", "Chiara Bosio", "--title", "Commercialista", "--city", "Alba")
    # A notary in Torino deeds a house in Alba; one asked for in Alba must be there.
    assert keys(net, "a notary for the house in Alba") == ["anna-costa"]
    assert keys(net, "un notaio per la casa a Alba") == ["anna-costa"]
    assert keys(net, "a notary in Alba") == []
    # A plumber comes to the flat: the flat's city is where he must be.
    assert keys(net, "a plumber for the flat in Alba") == []
    # The landlord's city sets the law: an Italian lawyer does not know German tenancy law.
    assert keys(net, "a lawyer for a rent dispute with my landlord in Munich") == []
    assert keys(net, "a lawyer for a rent dispute with my landlord in Torino") == ["rita-sala"]
