"""tf.distribute.TPUStrategy (TF's tpu_strategy.py): synchronous replicas on the TPU cores JAX
sees on this host, run by MirroredStrategy's machinery (mirrored_strategy.py)."""

from __future__ import annotations

from .. import _api
from .._core import context, tf_logging
from . import distribute_lib
from .cluster_resolver.tpu_cluster_resolver import TPUClusterResolver
from .mirrored_strategy import MirroredExtended


class TPUExtended(MirroredExtended):
    """MirroredExtended over the host's TPU devices, named as TF names a TPU worker's."""

    def __init__(self, container_strategy, devices, job_name):
        super().__init__(container_strategy, devices)
        self._job_name = job_name

    @property
    def worker_devices(self):
        return tuple("/job:%s/replica:0/task:0/device:TPU:%d" % (self._job_name, i)
                     for i in range(len(self._devices)))

    parameter_devices = worker_devices


@_api.export("distribute.TPUStrategy")
class TPUStrategyV2(distribute_lib.Strategy):
    """tf.distribute.TPUStrategy: one replica per TPU core of this host.

    Differences from TensorFlow: the replicas run as MirroredStrategy's do (each on its JAX TPU
    device, collectives as reductions on the first); no device assignment or SPMD partitioning
    (`experimental_device_assignment`, `experimental_spmd_xla_partitioning` must be left
    unset). Without TPU devices a given resolver raises ValueError (TF fails in its TPU system
    query)."""

    def __init__(self, tpu_cluster_resolver=None, experimental_device_assignment=None,
                 experimental_spmd_xla_partitioning=False):
        if tpu_cluster_resolver is None:
            tpu_cluster_resolver = TPUClusterResolver("")
        if experimental_device_assignment is not None or experimental_spmd_xla_partitioning:
            raise NotImplementedError("tfshim's TPUStrategy has no device assignment or SPMD "
                                      "partitioning: leave them unset")
        devices = context._jax_devices("TPU")
        if not devices:
            raise ValueError("TPUStrategy found no TPU devices: JAX sees none on this host.")
        self._cluster_resolver = tpu_cluster_resolver
        super().__init__(TPUExtended(self, devices, tpu_cluster_resolver.task_type or "worker"))

    @property
    def cluster_resolver(self):
        return self._cluster_resolver


@_api.export("distribute.experimental.TPUStrategy")
class TPUStrategy(TPUStrategyV2):
    """tf.distribute.experimental.TPUStrategy (deprecated in TF): TPUStrategy with a
    `device_assignment` (which tfshim has none of: it must be left unset)."""

    def __init__(self, tpu_cluster_resolver=None, device_assignment=None):
        tf_logging.warning("`tf.distribute.experimental.TPUStrategy` is deprecated, please use "
                           "the non-experimental symbol `tf.distribute.TPUStrategy` instead.")
        super().__init__(tpu_cluster_resolver, device_assignment)
