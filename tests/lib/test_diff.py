from commentdesk.lib.diff import Segment, word_diff


def test_a_diff_marks_removed_and_added_words():
    assert word_diff("You fool, the date is wrong", "The date is wrong") == [
        Segment("delete", "You fool, the"),
        Segment("insert", "The"),
        Segment("equal", " date is wrong"),
    ]


def test_the_original_and_the_edit_can_be_read_back_from_the_diff():
    before, after = "Ich finde das gut.\nAber nein", "Ich finde das sehr gut.\nAber ja"
    segments = word_diff(before, after)
    assert "".join(s.text for s in segments if s.op != "insert") == before
    assert "".join(s.text for s in segments if s.op != "delete") == after


def test_unchanged_text_is_one_equal_segment():
    assert word_diff("same", "same") == [Segment("equal", "same")]
