"""``tensorflow.python.eager.context``: what Keras calls."""

from tfshim._core.context import executing_eagerly

__all__ = ["async_wait", "context", "executing_eagerly"]


def async_wait():
    """context.async_wait: TF waits for its async executor's pending ops. tfshim's ops raise
    their errors when called, so there is nothing pending to report."""


class _Context:
    """The eager context object, as far as Keras uses it."""

    def clear_kernel_cache(self):
        """TF drops its cached op kernels (Keras's clear_session); tfshim keeps no kernels
        outside JAX's compilation cache, which stays valid."""


_context = _Context()


def context():
    """context.context(): the process's eager context."""
    return _context
