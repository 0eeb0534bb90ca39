"""How an import shows its progress: a bar on a terminal, plain lines in a log."""

import io

from django.utils import translation

from lanting.importers.discuz.run import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_shows_a_bar_with_rows_speed_and_time_left():
    out = Terminal()
    with translation.override("en"):
        progress = Progress(out, "posts", 10_000)
        progress.add(5_000)
        progress.add(5_000)
        progress.close()
    shown = out.getvalue()
    assert "\r" in shown  # redrawn in place
    assert "posts: 100%" in shown and "10000/10000" in shown
    assert "rows/s]" in shown and "<00:00" in shown  # speed, and the time left


def test_a_log_gets_plain_lines_with_rows_speed_and_time_left(monkeypatch):
    monkeypatch.setattr(Progress, "log_every", 0.0)
    out = io.StringIO()
    with translation.override("en"):
        progress = Progress(out, "posts", 10_000)
        progress.add(5_000)
        progress.add(5_000)
        seconds = progress.close()
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert lines[0].startswith("posts: 5000/10000 rows, ") and lines[0].endswith(" s left")
    assert " rows/s, about " in lines[0]
    assert lines[-1].startswith("posts: 10000 rows in ") and seconds >= 0


def test_a_log_is_not_flooded_while_a_table_goes_fast():
    out = io.StringIO()
    progress = Progress(out, "posts", 10_000)
    for _ in range(10):
        progress.add(1_000)
    progress.close()
    assert len(out.getvalue().splitlines()) == 1  # only the closing line


def test_progress_speaks_chinese_for_a_chinese_site():
    out = io.StringIO()
    with translation.override("zh-hans"):
        progress = Progress(out, "posts", 3)
        progress.add(3)
        progress.close()
    assert out.getvalue().startswith("帖子：3 行，用时")
