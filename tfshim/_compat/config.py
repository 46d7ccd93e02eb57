"""``tensorflow.python.framework.config``: what Keras imports (deciding whether a model may be
compiled with XLA, which `jit_compile="auto"` asks on machines with an accelerator)."""

__all__ = ["is_op_determinism_enabled"]


def is_op_determinism_enabled():
    """config.is_op_determinism_enabled: whether tf.config.experimental.enable_op_determinism
    was called. tfshim has no enable_op_determinism, so it never was."""
    return False
