import hashlib

from hypothesis import given
from hypothesis import strategies as st

from kuza.credentials import identity

emails = st.emails()
salts = st.text(alphabet="0123456789abcdef", min_size=0, max_size=32)


def test_the_hash_is_sha256_of_the_email_then_the_salt_as_the_spec_defines():
    expected = hashlib.sha256(b"amina@example.org" + b"deadbeef").hexdigest()

    assert identity.hash_email("amina@example.org", "deadbeef") == f"sha256${expected}"


@given(email=emails, salt=salts)
def test_an_email_matches_its_own_hash_whatever_its_case_or_spacing(email, salt):
    identity_hash = identity.hash_email(email, salt)

    assert identity.email_matches(f"  {email.upper()} ", identity_hash, salt)


@given(email=emails, other=emails, salt=salts)
def test_a_different_email_does_not_match(email, other, salt):
    if identity.normalise_email(email) == identity.normalise_email(other):
        return
    assert not identity.email_matches(other, identity.hash_email(email, salt), salt)


@given(email=emails)
def test_fresh_salts_make_the_same_email_unlinkable_across_badges(email):
    assert identity.hash_email(email, identity.new_salt()) != identity.hash_email(
        email, identity.new_salt()
    )
