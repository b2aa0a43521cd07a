"""A small project-owned pytest module: the quality tests import the report pytest writes for it."""
import pytest


def test_adds():
    assert 1 + 1 == 2


def test_breaks():
    assert "quality" == "qualify", "the words differ"


@pytest.mark.skip(reason="not on this platform")
def test_skipped():
    pass


@pytest.fixture
def broken():
    raise RuntimeError("fixture exploded")


def test_uses_broken_fixture(broken):
    pass


class TestGroup:
    def test_in_class(self):
        assert [1, 2] == [1, 2]
