"""Who is who in a cluster (TF's multi_worker_util.py): TF's checks of a cluster spec and task,
the workers' count and order (the chief is worker 0, then the `worker` tasks), the chief."""

from __future__ import annotations

_ALLOWED_TASK_TYPES = ("chief", "worker", "evaluator", "ps", None)


def validate_cluster_spec(cluster_spec, task_type, task_id):
    """TF's _validate_cluster_spec, with its messages."""
    if any(job not in _ALLOWED_TASK_TYPES for job in cluster_spec.jobs):
        raise ValueError("Disallowed task type found in cluster spec. Allowed types are {} and "
                         "the cluster spec is {}.".format(_ALLOWED_TASK_TYPES, cluster_spec))
    if task_type not in _ALLOWED_TASK_TYPES:
        raise ValueError("Unrecognized task_type: {}, valid task types are: {}".format(
            task_type, _ALLOWED_TASK_TYPES))
    if task_type and task_type not in cluster_spec.jobs and task_type != "evaluator":
        raise ValueError("`task_type` %r not found in cluster_spec." % task_type)
    if _task_count(cluster_spec, "chief") > 1:
        raise ValueError("There must be at most one 'chief' job.")
    if _task_count(cluster_spec, "evaluator") > 1:
        raise ValueError("There must be at most one 'evaluator' job.")
    if task_type in cluster_spec.jobs and task_id >= _task_count(cluster_spec, task_type):
        raise ValueError("The `task_id` %d exceeds the maximum id of %s." % (task_id, task_type))


def _task_count(cluster_spec, task_type):
    return cluster_spec.num_tasks(task_type) if task_type in cluster_spec.jobs else 0


def id_in_cluster(cluster_spec, task_type, task_id):
    """The task's worker index: the chief 0, `worker` i after the chief."""
    validate_cluster_spec(cluster_spec, task_type, task_id)
    if task_type == "chief":
        return 0
    if task_type == "worker":
        return task_id + _task_count(cluster_spec, "chief")
    if task_type == "evaluator":
        return task_id
    raise ValueError("There is no id for task_type %r" % task_type)


def worker_count(cluster_spec, task_type):
    """The number of workers (the chief counts as one; an evaluator is its own cluster)."""
    validate_cluster_spec(cluster_spec, task_type, 0)
    if task_type not in ("chief", "worker", "evaluator"):
        raise ValueError("Unexpected `task_type` %r" % task_type)
    if task_type == "evaluator":
        return _task_count(cluster_spec, "evaluator")
    return _task_count(cluster_spec, "chief") + _task_count(cluster_spec, "worker")


def coordinator_address(cluster_spec):
    """Where JAX's coordination service runs: the chief's address, else worker 0's."""
    job = "chief" if "chief" in cluster_spec.jobs else "worker"
    return cluster_spec.task_address(job, 0)
