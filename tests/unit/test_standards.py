"""The registry holds exactly what the source documents set out."""

from app import standards


def test_the_registry_matches_the_source_documents() -> None:
    assert list(standards.RECOMMENDATIONS) == list(range(1, 9))
    assert list(standards.PRINCIPLES) == list(range(1, 13))
    assert list(standards.STAGES) == ["arriving", "staying", "moving_on"]
    assert len(standards.SERVICES) == 16
