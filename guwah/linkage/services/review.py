"""What reviewers decide about proposed matches: the same person, or two people.

Two registry persons found to be one are merged by the registry's own service
(:func:`guwah.registry.services.merge_persons`), which checks, writes and records the change
as every other change to the registry is; this module keeps the decision, the pair's state and
the snapshot that lets the merge be undone.
"""

from __future__ import annotations

from typing import Any

from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guwah.linkage.models import CandidatePair, Decision, Merge, person_ref
from guwah.linkage.services.errors import LinkageError
from guwah.linkage.services.runs import ordered_refs
from guwah.registry import access
from guwah.registry import services as registry_services
from guwah.registry.models import FamilyTie, Person
from guwah.registry.services.checks import require
from guwah.registry.services.merges import snapshot_rows


def _require_reviewer(actor: Any) -> None:
    require(
        access.can_review_links(actor),
        _("Only documenters and reviewers decide on matches."),
    )


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise LinkageError(_("Say why: a decision without a reason cannot be reviewed later."))
    return reason


def _refused(exc: ValidationError) -> LinkageError:
    return LinkageError(" ".join(exc.messages))


def pairs_for_review(
    user: Any, *, minimum: float = 0.0, maximum: float = 1.0, status: str = "pending"
) -> models.QuerySet[CandidatePair]:
    """The queue a reviewer works through: pairs whose records still exist, strongest first."""
    if not access.can_review_links(user):
        return CandidatePair.objects.none()
    pairs = CandidatePair.objects.filter(
        status=status,
        match_probability__gte=minimum,
        match_probability__lte=maximum,
        person__isnull=False,
    ).filter(models.Q(other_person__isnull=False) | models.Q(external_record__isnull=False))
    # Restricted cases outside the user's compartments are left out of the queue.
    visible = access.persons_visible_to(user).values("pk")
    pairs = pairs.filter(person__in=visible).filter(
        models.Q(other_person__isnull=True) | models.Q(other_person__in=visible)
    )
    return pairs.select_related("person", "other_person", "external_record__external_list")


def _remember(pair: CandidatePair, outcome: str, actor: Any, reason: str) -> Decision:
    decision, _created = Decision.objects.update_or_create(
        left_ref=pair.left_ref,
        right_ref=pair.right_ref,
        defaults={"outcome": outcome, "decided_by": actor, "reason": reason},
    )
    return decision


def _close(pair: CandidatePair, status: str, actor: Any, reason: str) -> None:
    pair.status = status
    pair.decided_by = actor
    pair.decided_at = timezone.now()
    pair.reason = reason
    pair.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def _pending(pair: CandidatePair) -> CandidatePair:
    """The pair as stored, locked until the decision is written; refused if already decided
    (two reviewers may open the same pair)."""
    pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
    if pair.status != CandidatePair.Status.PENDING:
        raise LinkageError(_("This pair has already been decided."))
    return pair


def reject_pair(actor: Any, pair: CandidatePair, reason: str) -> CandidatePair:
    """Two different people: remembered, so the pair is never proposed again."""
    _require_reviewer(actor)
    reason = _required_reason(reason)
    with transaction.atomic():
        pair = _pending(pair)
        _close(pair, CandidatePair.Status.REJECTED, actor, reason)
        _remember(pair, Decision.Outcome.DISTINCT, actor, reason)
    return pair


def mark_related(actor: Any, pair: CandidatePair, relation: str, reason: str) -> FamilyTie:
    """Two relatives, not one person: the pair is closed, never proposed again, and the family
    tie the reviewer saw is recorded through the registry's own service, which checks that
    the reviewer may change both records."""
    _require_reviewer(actor)
    reason = _required_reason(reason)
    if relation not in FamilyTie.Relation.values:
        raise LinkageError(_("Choose how the two are related."))
    with transaction.atomic():
        pair = _pending(pair)
        if pair.person is None or pair.other_person is None:
            raise LinkageError(_("Only two records of the registry can be recorded as relatives."))
        note = _("Recorded in the review of a proposed match: %(reason)s") % {"reason": reason}
        try:
            tie = registry_services.add_family_tie(
                actor, pair.person, pair.other_person, relation, note=note[:200]
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        except PermissionDenied as exc:
            raise LinkageError(str(exc)) from exc
        _close(pair, CandidatePair.Status.RELATED, actor, reason)
        _remember(pair, Decision.Outcome.RELATED, actor, reason)
    return tie


def accept_pair(actor: Any, pair: CandidatePair, reason: str) -> Merge | None:
    """The same person. Two registry persons are merged; a list row is recorded as a match."""
    _require_reviewer(actor)
    reason = _required_reason(reason)
    with transaction.atomic():
        pair = _pending(pair)
        if pair.person is None or (pair.other_person is None and pair.external_record is None):
            raise LinkageError(_("One of the two records no longer exists."))
        if pair.other_person is not None:
            return merge_persons(actor, pair.person, pair.other_person, reason, pair=pair)
        _close(pair, CandidatePair.Status.ACCEPTED, actor, reason)
        _remember(pair, Decision.Outcome.SAME, actor, reason)
        return None


def _pairs_of(person_ids: list[int]) -> models.QuerySet[CandidatePair]:
    return CandidatePair.objects.filter(
        models.Q(person_id__in=person_ids) | models.Q(other_person_id__in=person_ids)
    ).order_by("pk")


def merge_persons(
    actor: Any,
    survivor: Person,
    merged: Person,
    reason: str,
    *,
    pair: CandidatePair | None = None,
) -> Merge:
    """Fold ``merged`` into ``survivor`` (see :func:`guwah.registry.services.merge_persons`)
    and record who decided and why, with what the undo needs to put everything back."""
    _require_reviewer(actor)
    reason = _required_reason(reason)
    refs = [person_ref(survivor.pk), person_ref(merged.pk)]
    with transaction.atomic():
        # The pairs that name the merged person lose it when it is deleted; the undo gives
        # them back as they are now.
        pairs = snapshot_rows(_pairs_of([survivor.pk, merged.pk]))
        try:
            snapshot = registry_services.merge_persons(actor, survivor, merged, reason=reason)
        except ValidationError as exc:
            raise _refused(exc) from exc
        merge = Merge.objects.create(
            survivor_id=survivor.pk,
            survivor_ref=refs[0],
            merged_ref=refs[1],
            pair=pair,
            snapshot=[*snapshot, *pairs],
            actor=actor,
            reason=reason,
        )
        if pair is None:
            pair = CandidatePair.objects.filter(left_ref__in=refs, right_ref__in=refs).first()
        if pair is not None:
            _close(pair, CandidatePair.Status.ACCEPTED, actor, reason)
            _remember(pair, Decision.Outcome.SAME, actor, reason)
        else:
            left, right = ordered_refs(*refs)
            Decision.objects.update_or_create(
                left_ref=left,
                right_ref=right,
                defaults={"outcome": Decision.Outcome.SAME, "decided_by": actor, "reason": reason},
            )
    return merge


def undo_merge(actor: Any, merge: Merge) -> Person:
    """Put back both persons, every row that referred to them and the pairs that named them,
    exactly as before the merge; returns the person that had been merged away."""
    _require_reviewer(actor)
    with transaction.atomic():
        merge = Merge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise LinkageError(_("This merge has already been undone."))
        try:
            registry_services.unmerge_persons(actor, merge.snapshot)
        except ValidationError as exc:
            raise _refused(exc) from exc
        for item in serializers.deserialize("python", merge.snapshot):
            if isinstance(item.object, CandidatePair):
                item.object.save()
        Decision.objects.filter(
            left_ref__in=[merge.survivor_ref, merge.merged_ref],
            right_ref__in=[merge.survivor_ref, merge.merged_ref],
        ).delete()
        merge.undone_at = timezone.now()
        merge.undone_by = actor
        merge.save(update_fields=["undone_at", "undone_by"])
    return Person.objects.get(pk=int(merge.merged_ref.partition(":")[2]))
