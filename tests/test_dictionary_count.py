"""jieba's dictionary counts read through ingest.tokenize.dictionary_count, whatever ran before."""

import subprocess
import sys


def test_a_fresh_process_reads_the_dictionary_before_any_segmenting() -> None:
    # jieba fills its dictionary only when it first segments; read directly, an everyday word counted 0 in
    # a process that had not segmented yet, so a table or follow-up rule took it for an unknown word.
    code = (
        "from ingest.tokenize import dictionary_count as c;"
        "print(c('学校') > 0, c('教师') > 0, c('要授') == 0, c('') == 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["True", "True", "True", "True"]
