from __future__ import annotations

from studio.contract import signing


def test_signature_verifies_only_for_the_exact_decision() -> None:
    key = signing.new_private_key()
    pub = signing.public_key_b64(key)
    sig = signing.sign(key, "c1", "ab" * 32, 3, "approve")
    assert signing.verify(pub, sig, "c1", "ab" * 32, 3, "approve")
    assert not signing.verify(pub, sig, "c1", "ab" * 32, 3, "reject")
    assert not signing.verify(pub, sig, "c1", "cd" * 32, 3, "approve")
    assert not signing.verify(pub, sig, "c1", "ab" * 32, 4, "approve")
    assert not signing.verify(pub, sig[:-8], "c1", "ab" * 32, 3, "approve")
    assert not signing.verify(pub, "not base64!", "c1", "ab" * 32, 3, "approve")
    other = signing.public_key_b64(signing.new_private_key())
    assert not signing.verify(other, sig, "c1", "ab" * 32, 3, "approve")


def test_key_id_names_the_key() -> None:
    pub = signing.public_key_b64(signing.new_private_key())
    assert len(signing.key_id(pub)) == 16
    assert signing.key_id(pub) == signing.key_id(pub)
