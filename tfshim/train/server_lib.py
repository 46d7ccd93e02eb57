"""tf.train.ClusterSpec (TF's training/server_lib.py): the jobs of a cluster and their tasks'
network addresses, as TF_CONFIG and the cluster resolvers give them."""

from __future__ import annotations

from .. import _api


@_api.export("train.ClusterSpec")
class ClusterSpec:
    """tf.train.ClusterSpec: job name -> {task index: "host:port"}.

    Differences from TensorFlow: no `ClusterDef` protocol buffers (`as_cluster_def`, or one
    given to the constructor)."""

    def __init__(self, cluster):
        if isinstance(cluster, ClusterSpec):
            cluster = cluster.as_dict()
        if not isinstance(cluster, dict):
            raise TypeError("`cluster` must be a dictionary mapping one or more job names to "
                            "lists of network addresses, or a `ClusterDef` protocol buffer")
        self._cluster_spec = {}
        for job_name, tasks in cluster.items():
            if isinstance(tasks, (list, tuple)):
                job_tasks = dict(enumerate(tasks))
            elif isinstance(tasks, dict):
                job_tasks = {int(i): task for i, task in tasks.items()}
            else:
                raise TypeError("The tasks for job %r must be a list or a dictionary from "
                                "integers to strings." % job_name)
            for task in job_tasks.values():
                if not isinstance(task, (str, bytes)):
                    raise TypeError("Task address %r must be bytes or unicode" % task)
            self._cluster_spec[job_name] = job_tasks

    def __bool__(self):
        return bool(self._cluster_spec)

    def __eq__(self, other):
        return self._cluster_spec == other

    def __ne__(self, other):
        return self._cluster_spec != other

    __hash__ = None

    def __repr__(self):
        key_values = self.as_dict()
        items = [repr(k) + ": " + repr(key_values[k]) for k in sorted(key_values)]
        return "ClusterSpec({" + ", ".join(items) + "})"

    def as_dict(self):
        """Job -> list of addresses (dense task indices) or {index: address} (sparse)."""
        ret = {}
        for job in self.jobs:
            indices = self.task_indices(job)
            if not indices:
                ret[job] = {}
            elif max(indices) + 1 == len(indices):
                ret[job] = self.job_tasks(job)
            else:
                ret[job] = {i: self.task_address(job, i) for i in indices}
        return ret

    @property
    def jobs(self):
        return list(self._cluster_spec.keys())

    def _job(self, job_name):
        try:
            return self._cluster_spec[job_name]
        except KeyError:
            raise ValueError("No such job in cluster: %r" % job_name) from None

    def num_tasks(self, job_name):
        return len(self._job(job_name))

    def task_indices(self, job_name):
        return sorted(self._job(job_name).keys())

    def task_address(self, job_name, task_index):
        job = self._job(job_name)
        try:
            return job[task_index]
        except KeyError:
            raise ValueError("No task with index %r in job %r" % (task_index, job_name)) \
                from None

    def job_tasks(self, job_name):
        """The job's addresses by task index (None where a sparse job has no task)."""
        job = self._job(job_name)
        ret = [None] * (max(job.keys()) + 1)
        for i, task in job.items():
            ret[i] = task
        return ret
