"""tf.print formats values as TF 2.21 does (expected text captured from real TensorFlow: its
tf.print writes through C++, so the TF tier's stdout capture can't record it)."""

import sys

import numpy as np

import tfshim as tf

PROGRAM = 'P = lambda *a, **k: tf.print(*a, output_stream=sys.stdout, **k)\nP(tf.constant([1.0, 2.0]))\nP(tf.constant(1/3))\nP(tf.constant(0.1), tf.constant(2), "text", 5, [1, 2])\nP(tf.constant([[1.5, 2.0], [3.0, 4.25]]))\nP(tf.range(20))\nP(tf.range(20), summarize=-1)\nP(tf.reshape(tf.range(40), (8, 5)))\nP(tf.constant(1e-7), tf.constant(123456789.0), tf.constant(1e10, tf.float64))\nP(tf.constant(True), tf.constant([True, False]))\nP(tf.constant("hi"), tf.constant(["a", "b"]))\nP({"a": tf.constant(1)}, (tf.constant(2.0),))\nP(tf.constant(1), tf.constant(2), sep=", ", end="!\\n")\nP(tf.constant(np.float16(1.5)), tf.constant(1+2j))\nP(tf.Variable(3.0))\nP(tf.constant([]))\nP(tf.constant(-0.5), tf.constant(np.nan), tf.constant(np.inf))\n@tf.function\ndef f(x):\n    tf.print("x =", x, output_stream=sys.stdout)\n    print("python print")\n    return x + 1\nf(tf.constant(1.0)); f(tf.constant(2.0))\n'

EXPECTED = '[1 2]\n0.333333343\n0.1 2 text 5 [1, 2]\n[[1.5 2]\n [3 4.25]]\n[0 1 2 ... 17 18 19]\n[0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19]\n[[0 1 2 3 4]\n [5 6 7 8 9]\n [10 11 12 13 14]\n ...\n [25 26 27 28 29]\n [30 31 32 33 34]\n [35 36 37 38 39]]\n1e-07 123456792 10000000000\n1 [1 0]\n"hi" ["a" "b"]\n{\'a\': 1} (2,)\n1, 2!\n1.5 ?\n3\n[]\n-0.5 nan inf\npython print\nx = 1\nx = 2\n'


def test_tf_print_matches_tensorflow(capsys):
    exec(PROGRAM, {"tf": tf, "np": np, "sys": sys})
    assert capsys.readouterr().out == EXPECTED


def test_tf_print_defaults_to_stderr(capsys):
    tf.print(tf.constant([1.0, 2.5]))
    out = capsys.readouterr()
    assert out.out == "" and out.err == "[1 2.5]\n"


def test_tf_print_inside_tf_function_appears_in_order_before_the_call_returns(capsys):
    @tf.function
    def f(x):
        tf.print("start", x, output_stream=sys.stdout)
        for i in tf.range(x):
            tf.print("step", i, output_stream=sys.stdout)
        tf.cond(x > 1, lambda: tf.print("big", output_stream=sys.stdout),
                lambda: tf.print("small", output_stream=sys.stdout))
        tf.print("stderr", x)
        return x * 2

    for n in (2, 1):
        y = f(tf.constant(n))
        print("returned", int(y))
    out = capsys.readouterr()
    assert out.out == ("start 2\nstep 0\nstep 1\nbig\nreturned 4\n"
                       "start 1\nstep 0\nsmall\nreturned 2\n")
    assert out.err == "stderr 2\nstderr 1\n"


def test_deviation_tf_print_in_a_tf_function_prints_again_when_a_tape_differentiates_it(capsys):
    @tf.function
    def f(x):
        tf.print("x", x, output_stream=sys.stdout)
        return x * x

    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    print("forward done")
    assert float(tape.gradient(y, x)) == 6.0
    # TF prints once; tfshim's backward step re-runs the recorded call under jax.vjp.
    assert capsys.readouterr().out == "x 3\nforward done\nx 3\n"


def test_tf_print_in_a_notebook_prints_to_the_cell(tmp_path):
    """In an IPython shell TF prints to the cell's output (Python's stdout) whatever stream it was
    given, eagerly and inside tf.function, as Jupyter shows it; the runner checks the cell."""
    import io
    import json

    from tfshim.notebook.runner import run_notebook

    source = ("import tensorflow as tf\ntf.print('eager', tf.constant(1))\n"
              "@tf.function\ndef f(x):\n    tf.print('traced', x)\n    return x\n"
              "f(tf.constant(2))\nprint('after')\n")
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "id": "c0",
            "source": source, "outputs": [{"output_type": "stream", "name": "stdout",
                                           "text": "eager 1\ntraced 2\nafter\n"}]}
    path = tmp_path / "print.ipynb"
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}))
    out = io.StringIO()
    assert run_notebook(path, module="tfshim", out=out) == 0, out.getvalue()


def test_tf_print_in_a_function_with_a_none_dimension_traces_once(capsys):
    """Expected text from TF 2.21. JAX exports no host callback with symbolic shapes, so tfshim
    runs the symbolic trace's calls as silent traces per size (README: known deviations): the
    Python print and the tracing count are TF's; `x.shape` would print the call's size."""

    @tf.function(input_signature=[tf.TensorSpec([None, 3])])
    def scaled(x):
        print("Tracing", x)
        tf.print("rows:", tf.shape(x)[0], [1, "a"], tf.float32, np.float32(2.5),
                 output_stream=sys.stdout)
        return x * 2

    for n in (2, 4, 4):
        assert scaled(tf.ones([n, 3])).shape == (n, 3)
    assert scaled.experimental_get_tracing_count() == 1
    assert capsys.readouterr().out == (
        'Tracing Tensor("x:0", shape=(None, 3), dtype=float32)\n'
        "rows: 2 [1, 'a'] tf.float32 np.float32(2.5)\n"
        "rows: 4 [1, 'a'] tf.float32 np.float32(2.5)\n"
        "rows: 4 [1, 'a'] tf.float32 np.float32(2.5)\n")
