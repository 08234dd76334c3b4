"""Registration numbers: D-<6 digits><Damm check digit>."""

import random

import pytest

from certification.teachers.errors import InvalidRegistrationNumber
from certification.teachers.numbers import check_digit, format_number, is_valid_digits, parse_number, random_number


def _samples(count=300):
    rng = random.Random(7)
    return [f"{rng.randrange(1_000_000):06d}" for _ in range(count)] + ["000000", "999999", "123456"]


@pytest.mark.parametrize("six", _samples())
def test_every_single_digit_error_is_caught(six):
    number = six + str(check_digit(six))
    assert is_valid_digits(number)
    for position in range(7):
        for digit in "0123456789":
            if digit != number[position]:
                assert not is_valid_digits(number[:position] + digit + number[position + 1:])


@pytest.mark.parametrize("six", _samples())
def test_every_adjacent_transposition_is_caught(six):
    number = six + str(check_digit(six))
    for position in range(6):
        a, b = number[position], number[position + 1]
        if a != b:
            assert not is_valid_digits(number[:position] + b + a + number[position + 2:])


def test_new_numbers_are_well_formed():
    for _ in range(200):
        number = random_number()
        assert len(number) == 9 and number.startswith("D-") and is_valid_digits(number[2:])


@pytest.mark.parametrize("typed", ["D-1234566", "d-1234566", "D1234566", " d 123456 6 ", "1234566", "D–1234566"])
def test_what_people_type_is_understood(typed):
    assert format_number("123456") == "D-1234566"
    assert parse_number(typed) == "D-1234566"


def test_a_wrong_check_digit_says_so():
    with pytest.raises(InvalidRegistrationNumber, match="laatste cijfer klopt niet"):
        parse_number("D-1234567")


@pytest.mark.parametrize("typed", ["", "D-12345", "X-1234566", "D-12345678", "Jansen", None])
def test_a_malformed_number_says_what_it_should_look_like(typed):
    with pytest.raises(InvalidRegistrationNumber, match="D-1234566"):
        parse_number(typed)
