"""tf.distribute.cluster_resolver.TPUClusterResolver (TF's tpu_cluster_resolver.py): the TPU
this process uses. A TPU that JAX sees on this host is TF's "local" (directly attached) TPU;
there is no Cloud TPU API client to look remote TPUs up by name."""

from __future__ import annotations

import os

from ... import _api
from ..._core import context
from ...train.server_lib import ClusterSpec
from .cluster_resolver import ClusterResolver, local_accelerators


@_api.export("distribute.cluster_resolver.TPUClusterResolver")
class TPUClusterResolver(ClusterResolver):
    """tf.distribute.cluster_resolver.TPUClusterResolver: the TPU devices JAX sees here.

    Differences from TensorFlow: a TPU name other than "local" is not looked up through the
    Cloud TPU API; with TPU devices on this host any name means them, without one a name raises
    ValueError (TF would ask the Cloud TPU service)."""

    def __init__(self, tpu=None, zone=None, project=None, job_name="worker",
                 coordinator_name=None, coordinator_address=None, credentials="default",
                 service=None, discovery_url=None):
        if isinstance(tpu, list):
            if not tpu:
                raise ValueError("At least one TPU must be specified.")
            if len(tpu) != 1:
                raise NotImplementedError(
                    "Using multiple TPUs in a single session is not yet implemented")
            tpu = tpu[0]
        if not tpu:
            tpu = os.environ.get("TPU_NAME") or None
        has_tpu = bool(context._jax_devices("TPU"))
        if tpu is None and not has_tpu:
            raise ValueError("Please provide a TPU Name to connect to.")
        if tpu not in (None, "local") and not has_tpu:
            raise ValueError("TPU %r is not attached to this host and tfshim cannot reach the "
                             "Cloud TPU API to look it up." % (tpu,))
        self._tpu = "local"
        self.task_type = job_name
        self.task_id = 0
        self._coordinator_name = coordinator_name
        self._coordinator_address = coordinator_address

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def master(self, task_type=None, task_id=None, rpc_layer=None):
        return ""

    def get_master(self):
        return self.master()

    def get_job_name(self):
        return self.task_type

    def cluster_spec(self):
        # TF's local TPU: no remote workers, an empty cluster.
        return ClusterSpec({})

    def num_accelerators(self, task_type=None, task_id=None, config_proto=None):
        return local_accelerators()

    @property
    def environment(self):
        return ""
