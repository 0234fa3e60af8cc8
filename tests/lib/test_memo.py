"""lib.memo: a process's bounded memory of values that never change under their key."""

from commentdesk.lib.memo import BoundedMemo, weight


def test_values_come_back_by_key():
    memo = BoundedMemo(budget=10_000)
    memo.put("page", "<li>words</li>")
    memo.put("items", (3, "<li>words</li>"))
    assert memo.get("page") == "<li>words</li>"
    assert memo.get("items") == (3, "<li>words</li>")
    assert memo.get("other") is None


def test_past_its_budget_the_least_recently_used_go_first():
    text = "x" * 1000
    memo = BoundedMemo(budget=3 * weight(text))
    for key in ("a", "b", "c"):
        memo.put(key, text)
    memo.get("a")
    memo.put("d", text)
    assert [memo.get(key) is not None for key in "abcd"] == [True, False, True, True]


def test_a_value_larger_than_the_budget_is_not_kept():
    memo = BoundedMemo(budget=100)
    memo.put("big", "x" * 1000)
    assert memo.get("big") is None


def test_replacing_a_value_counts_its_size_once():
    text = "x" * 1000
    memo = BoundedMemo(budget=2 * weight(text))
    for _ in range(5):
        memo.put("a", text)
    memo.put("b", text)
    assert memo.get("a") == memo.get("b") == text
