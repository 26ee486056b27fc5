"""Settings read from the environment: blank means the default, nonsense is a clear error."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_number


def test_blank_or_unset_numbers_take_the_default(monkeypatch):
    monkeypatch.setenv("REGENDERM_TEST_NUMBER", "  ")
    assert env_number("REGENDERM_TEST_NUMBER", "60") == 60
    monkeypatch.delenv("REGENDERM_TEST_NUMBER")
    assert env_number("REGENDERM_TEST_NUMBER", "1.5", float) == 1.5
    monkeypatch.setenv("REGENDERM_TEST_NUMBER", "15")
    assert env_number("REGENDERM_TEST_NUMBER", "60") == 15


def test_a_number_that_is_not_one_names_the_variable(monkeypatch):
    monkeypatch.setenv("REGENDERM_TEST_NUMBER", "sixty")
    with pytest.raises(ImproperlyConfigured, match="REGENDERM_TEST_NUMBER must be a number, not 'sixty'"):
        env_number("REGENDERM_TEST_NUMBER", "60")
