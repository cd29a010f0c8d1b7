"""Pages of the import/export area: the Import page (upload, dry-run preview, confirm), the
Export page (downloads and the calendar URL) and the calendar feed itself.

Between the preview and the confirmation the upload waits in ``WEAKTIES_HOME/uploads`` under
a random name; the confirm form carries that name inside a signed token bound to the user, so
nobody can confirm someone else's upload or point the server at another file.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST, require_safe

from weakties.dates import local_today
from weakties.errors import NotFound, UserError
from weakties.interop import backup, exports, merge, selectors, services
from weakties.interop.calendar import feed_ics
from weakties.web.views import WebRequest

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
UPLOAD_MAX_AGE = 3600  # seconds between the preview and the confirmation
SALT = "weakties.interop.import"
KIND_CHOICES = [
    ("", "Tell from the file"),
    ("linkedin", "LinkedIn (Connections, messages, Invitations)"),
    ("google", "Google Contacts CSV"),
    ("outlook", "Outlook CSV"),
    ("vcard", "vCard (.vcf)"),
]


def _uploads() -> Path:
    folder = Path(settings.WEAKTIES_HOME) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    # Uploads nobody confirmed go after a day.
    cutoff = time.time() - 86_400
    for old in folder.glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return folder


def _import_context(request: WebRequest, **extra: Any) -> dict[str, Any]:
    return {
        "kinds": KIND_CHOICES,
        "imports": selectors.import_list(user=request.user)[:20],
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        **extra,
    }


@login_required
def import_page(request: WebRequest) -> HttpResponse:
    """GET: the upload form and past imports. POST: a dry run of the uploaded file."""
    if request.method != "POST":
        return render(request, "interop/import.html", _import_context(request))
    upload = request.FILES.get("file")
    kind = request.POST.get("kind") or None
    if kind not in (None, *services.KINDS):
        kind = None
    if upload is None:
        error = "Choose a file to import."
    elif upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        error = f"{upload.name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    else:
        data = upload.read()
        name = Path(upload.name or "upload").name
        try:
            report = services.import_file(
                owner=request.user, data=data, file_name=name, kind=kind, dry_run=True
            )
        except UserError as refused:
            error = refused.web_message
        else:
            stored = secrets.token_hex(16)
            # Readable by this user only: it is someone's address book.
            handle = os.open(_uploads() / f"{stored}.upload", os.O_WRONLY | os.O_CREAT, 0o600)
            with os.fdopen(handle, "wb") as upload_file:
                upload_file.write(data)
            ticket = {"file": stored, "user": request.user.pk, "kind": kind, "name": name}
            token = signing.dumps(ticket | {"sha256": merge.sha256(data)}, salt=SALT)
            return render(
                request,
                "interop/import.html",
                _import_context(request, report=report, token=token, kind=kind or ""),
            )
    return render(
        request,
        "interop/import.html",
        _import_context(request, error=error, kind=kind or ""),
        status=400,
    )


def _ticket(request: WebRequest) -> dict[str, Any] | None:
    """The preview's signed ticket; None (with a message) when it has expired or was forged.
    Someone else's ticket is a 404: their upload does not exist for this user."""
    try:
        ticket = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, "That preview has expired; upload the file again.")
        return None
    if ticket.get("user") != request.user.pk:
        raise Http404("No such upload.")
    return dict(ticket)


@login_required
@require_POST
def import_cancel(request: WebRequest) -> HttpResponse:
    """Drop a previewed upload: the address book it holds is deleted from the server now."""
    ticket = _ticket(request)
    if ticket is not None:
        (_uploads() / f"{ticket['file']}.upload").unlink(missing_ok=True)
        messages.info(request, f"Cancelled: nothing was imported from {ticket['name']}.")
    return redirect("web:import")


@login_required
@require_POST
def import_confirm(request: WebRequest) -> HttpResponse:
    """Run the import the preview showed, for real."""
    ticket = _ticket(request)
    if ticket is None:
        return redirect("web:import")
    path = _uploads() / f"{ticket['file']}.upload"
    if not path.exists():
        done = selectors.import_list(user=request.user).filter(sha256=ticket.get("sha256"))
        if ticket.get("sha256") and done.exists():
            when = timezone.localtime(done[0].imported_at).strftime("%H:%M on %d %b")
            messages.info(request, f"{ticket['name']} was already imported, at {when}.")
        else:
            messages.error(request, "That upload is gone; upload the file again.")
        return redirect("web:import")
    try:
        report = services.import_file(
            owner=request.user,
            data=path.read_bytes(),
            file_name=ticket["name"],
            kind=ticket["kind"],
        )
    except UserError as refused:
        messages.error(request, refused.web_message)
        return redirect("web:import")
    path.unlink(missing_ok=True)
    what = "conversation" if report.interactions else "contact"
    messages.success(
        request,
        f"Imported {report.file_name}: {report.added:,} {what}{pluralize(report.added)} added, "
        f"{report.updated:,} updated, {report.unchanged:,} unchanged, "
        f"{len(report.skipped):,} skipped.",
    )
    return redirect("web:import")


def _export_page(request: WebRequest, *, status: int = 200, **extra: Any) -> HttpResponse:
    feed = services.calendar_feed_get_or_create(owner=request.user)
    context = {
        "feed_url": request.build_absolute_uri(reverse("web:calendar_feed", args=[feed.token])),
        "local_mode": settings.WEAKTIES_MODE == "local",
        "in_the_way": backup.data_in_the_way(request.user),
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        **extra,
    }
    return render(request, "interop/export.html", context, status=status)


@login_required
@require_GET
def export_page(request: WebRequest) -> HttpResponse:
    return _export_page(request)


RESTORED_COUNTS = [
    ("network.contact", "contact"),
    ("network.interaction", "conversation"),
    ("network.nextstep", "next step"),
    ("leads.lead", "lead"),
]


@login_required
@require_POST
def restore(request: WebRequest) -> HttpResponse:
    """Bring a JSON backup back into the signed-in user's empty network, all or nothing."""
    upload = request.FILES.get("file")
    if upload is None:
        return _export_page(request, status=400, restore_error="Choose a backup file to restore.")
    name = Path(upload.name or "backup.json").name
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        error = f"{name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        return _export_page(request, status=400, restore_error=error)
    try:
        counts = backup.backup_restore(owner=request.user, data=upload.read(), file_name=name)
    except UserError as refused:
        return _export_page(request, status=400, restore_error=refused.web_message)
    parts = [
        f"{count:,} {noun}{pluralize(count)}"
        for label, noun in RESTORED_COUNTS
        if (count := counts.get(label, 0))
    ]
    if parts:
        said = f"Restored {name}: {', '.join(parts)}, and everything else it held."
    elif any(counts.values()):
        said = f"Restored {name}: it held no people yet, only settings, tags and the like."
    else:
        said = f"Restored {name}: it was a backup of an empty network, so nothing came back."
    messages.success(request, said)
    return redirect("web:home")


DOWNLOADS = {
    "vcard": ("text/vcard; charset=utf-8", "weakties-contacts.vcf"),
    "csv": ("application/zip", "weakties-tracker.zip"),
    "json": ("application/json; charset=utf-8", "weakties-backup.json"),
    "ics": ("text/calendar; charset=utf-8", "weakties.ics"),
}


@login_required
@require_POST
def export_download(request: WebRequest) -> HttpResponse:
    """The chosen export as a file download (POST, so no link prefetcher builds a backup)."""
    kind = request.POST.get("kind", "")
    if kind not in DOWNLOADS:
        return HttpResponse("Unknown export.", status=400, content_type="text/plain")
    user = request.user
    content: str | bytes
    if kind == "vcard":
        content = exports.vcard_export(user=user)
    elif kind == "csv":
        content = exports.csv_zip_bytes(user=user)
    elif kind == "json":
        content = exports.json_text(user=user)
    else:
        content = exports.ics_export(user=user, today=local_today())
    content_type, name = DOWNLOADS[kind]
    stamp = local_today().isoformat()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stamp}-{name}"'
    return response


@login_required
@require_POST
def calendar_revoke(request: WebRequest) -> HttpResponse:
    services.calendar_feed_revoke(owner=request.user)
    messages.success(request, "The old calendar URL no longer works; here is the new one.")
    return redirect("web:export")


@require_safe  # calendar apps also ask with HEAD
def calendar_feed(request: WebRequest, token: str) -> HttpResponse:
    """The secret feed: no session, the token is the key (and 404 when wrong or revoked)."""
    try:
        feed = selectors.calendar_feed_for_token(token=token)
    except NotFound:
        raise Http404("No such calendar.") from None
    text = feed_ics(user=feed.owner, today=local_today())
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="weakties.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
