"""The log against the server's heads, as a pure function (``studio.audit.anchors``)."""

from __future__ import annotations

from dataclasses import replace

from studio.audit.anchors import Head, SignedHead, check_heads, unsigned_heads

LOG = {n: f"h{n}" for n in range(1, 11)}


def test_heads_that_match_vouch_for_everything_up_to_the_last() -> None:
    report = check_heads(LOG, [Head(4, "h4"), Head(8, "h8")])
    assert report.intact and report.vouched_to == 8 and report.entries == 10
    assert report.sentences() == [
        "The server vouches for entries 1 to 8.",
        "Entries 9 to 10 are not anchored on the server yet (the next push anchors them): it "
        "cannot vouch for them.",
    ]


def test_a_log_cut_below_an_anchored_head_is_truncated_from_its_end() -> None:
    cut = {n: h for n, h in LOG.items() if n <= 6}
    report = check_heads(cut, [Head(4, "h4"), Head(8, "h8")])
    assert not report.intact and report.missing == (7, 8) and report.vouched_to == 4


def test_an_empty_log_with_heads_is_truncated_whole() -> None:
    report = check_heads({}, [Head(3, "h3")])
    assert report.missing == (1, 3) and report.vouched_to == 0


def test_another_entry_at_an_anchored_position_is_a_rewrite() -> None:
    rewritten = {**LOG, 8: "forged"}
    report = check_heads(rewritten, [Head(4, "h4"), Head(8, "h8")])
    assert report.rewritten == (8,) and report.vouched_to == 4 and not report.intact


def test_no_heads_vouch_for_nothing() -> None:
    report = check_heads(LOG, [])
    assert report.intact and report.vouched_to == 0
    assert report.sentences()[0] == "The server holds no head of this log: it vouches for no entry."


def _signed(seq: int, key: object, workspace: str = "a" * 32, sha: str = "s" * 64) -> SignedHead:
    from studio.contract import signing

    return SignedHead(
        seq,
        f"h{seq}",
        version=1,
        user="lin",
        key_id="k1",
        signature=signing.sign_head(key, workspace, seq, f"h{seq}", 1, sha),  # type: ignore[arg-type]
    )


def test_a_head_whose_signature_fails_vouches_for_nothing_and_the_range_is_named() -> None:
    from studio.contract import signing

    lin, mallory = signing.new_private_key(), signing.new_private_key()
    signers = {"k1": ("lin", signing.public_key_b64(lin))}
    heads = [_signed(4, lin), _signed(8, mallory), _signed(9, lin, workspace="b" * 32)]
    bad = unsigned_heads("a" * 32, heads, signers, {1: "s" * 64}.get)
    assert [h.seq for h in bad] == [8, 9]
    # Another user named on lin's key, or a release the server does not list: no better.
    assert unsigned_heads("a" * 32, [replace(heads[0], user="chen")], signers, {1: "s"}.get)
    assert unsigned_heads("a" * 32, heads[:1], signers, {}.get) == heads[:1]
    report = check_heads(LOG, [h for h in heads if h not in bad], bad)
    assert not report.intact and report.vouched_to == 4
    assert report.sentences() == [
        "The head the server keeps at entry 8 (signed as lin) does not verify with a key this "
        "workspace knows: it vouches for nothing.",
        "The head the server keeps at entry 9 (signed as lin) does not verify with a key this "
        "workspace knows: it vouches for nothing.",
        "The server vouches for entries 1 to 4.",
        "The server cannot vouch for entries 5 to 10.",
    ]
