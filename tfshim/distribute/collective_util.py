"""Options for collectives (TF's collective_util.py): CommunicationImplementation,
CommunicationOptions and the deprecated CollectiveHints, as TF defines them. They are hints in
TF too; tfshim's collectives are XLA's (an all-reduce over the strategy's mesh, JAX's
cross-process collectives between workers), which take none of them.
"""

from __future__ import annotations

import copy
import enum

from .. import _api
from .._core import tf_logging


@_api.export("distribute.experimental.CommunicationImplementation",
             "distribute.experimental.CollectiveCommunication")
class CommunicationImplementation(enum.Enum):
    """tf.distribute.experimental.CommunicationImplementation: AUTO, RING or NCCL."""

    AUTO = "AUTO"
    RING = "RING"
    NCCL = "NCCL"


class Options:
    """What CommunicationOptions and CollectiveHints make (TF's collective_util.Options)."""

    def __init__(self, bytes_per_pack=0, timeout_seconds=None,
                 implementation=CommunicationImplementation.AUTO):
        if bytes_per_pack < 0:
            raise ValueError("Argument `bytes_per_pack` must be >=0, Received %s."
                             % bytes_per_pack)
        if isinstance(implementation, str):
            implementation = CommunicationImplementation(implementation.upper())
        if not isinstance(implementation, CommunicationImplementation):
            raise ValueError("Argument `implementation` must be instance of "
                             "`tf.distribute.experimental.CommunicationImplementation`.")
        self.bytes_per_pack = bytes_per_pack
        self.timeout_seconds = timeout_seconds
        self.implementation = implementation

    def merge(self, options):
        """A copy of these options with `options`' non-default values taking precedence."""
        merged = copy.deepcopy(self)
        if options is None:
            return merged
        if options.bytes_per_pack != 0:
            merged.bytes_per_pack = options.bytes_per_pack
        if options.timeout_seconds is not None:
            merged.timeout_seconds = options.timeout_seconds
        if options.implementation != CommunicationImplementation.AUTO:
            merged.implementation = options.implementation
        return merged

    def __str__(self):
        return ("Options(bytes_per_pack=%s,timeout_seconds=%s, implementation=%s)"
                % (self.bytes_per_pack, self.timeout_seconds, self.implementation))


@_api.export("distribute.experimental.CommunicationOptions")
class CommunicationOptions:
    """tf.distribute.experimental.CommunicationOptions: makes an Options, as TF's."""

    def __new__(cls, bytes_per_pack=0, timeout_seconds=None,
                implementation=CommunicationImplementation.AUTO):
        return Options(bytes_per_pack, timeout_seconds, implementation)


def deprecated(name, module, instructions):
    """TF's deprecation warning for `name`, logged once per call site (TF's @deprecated)."""
    site = tf_logging.caller_site(("tfshim/distribute/collective_util.py",
                                   "tfshim/distribute/collective_all_reduce_strategy.py",
                                   "tfshim/distribute/tpu_strategy.py"))
    tf_logging.warn_first_n(
        1, ("deprecated", name), "From %s:%d: %s (from %s) is deprecated and will be removed in "
        "a future version.\nInstructions for updating:\n%s", site[0], site[1], name, module,
        instructions)


@_api.export("distribute.experimental.CollectiveHints")
class CollectiveHints:
    """tf.distribute.experimental.CollectiveHints (deprecated in TF): an Options without an
    implementation."""

    def __new__(cls, bytes_per_pack=0, timeout_seconds=None):
        deprecated("Hints.__new__", "tensorflow.python.distribute.collective_util",
                   "use distribute.experimental.CommunicationOptions instead")
        return Options(bytes_per_pack, timeout_seconds)
