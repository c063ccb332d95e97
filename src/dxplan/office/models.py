"""An uploaded workbook waiting for its uploader to confirm it (dxplan.office.uploads).

Working data, not a record of the plan: it has no history, holds the file only between the
preview and the confirmation (or the cancellation), and is forgotten after a day. It lives here
rather than in the session, which is read on every request of the user: a 5 MB file kept there
would be read and written with each of them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEPT = timedelta(days=1)  # an upload neither confirmed nor cancelled is forgotten after this


class PendingUpload(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_uploads"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    name = models.CharField(_("file name"), max_length=120)
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField(_("file"))
    preview = models.JSONField(_("preview"), default=dict)  # {"problems": [...], "report": ...}

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"

    @classmethod
    def forget_old(cls) -> int:
        """Delete the uploads older than KEPT; how many."""
        deleted, _ = cls.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
        return deleted
