"""Comments are BBCode: render the ones written before as such (they were shown as plain text)."""

from django.db import migrations


def render_comments(apps, schema_editor):
    from lanting.portal.markup import comment_html

    Comment = apps.get_model("portal", "Comment")
    batch = []
    for comment in Comment.objects.only("pk", "body").iterator(chunk_size=2000):
        comment.body_html = comment_html(comment.body)
        batch.append(comment)
        if len(batch) >= 2000:
            Comment.objects.bulk_update(batch, ["body_html"])
            batch = []
    if batch:
        Comment.objects.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(render_comments, migrations.RunPython.noop)]
