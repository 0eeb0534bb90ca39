"""Discuz!'s starting rank (新手上路, group 10) may attach files and pictures
(allowpostattach = allowpostimage = 1 in its default data): so may ours."""

from django.db import migrations


def newcomers_may_upload(apps, schema_editor):
    MemberGroup = apps.get_model("accounts", "MemberGroup")
    MemberGroup.objects.filter(kind="rank", min_credits__lte=0).update(can_upload=True)


def newcomers_may_not_upload(apps, schema_editor):
    MemberGroup = apps.get_model("accounts", "MemberGroup")
    MemberGroup.objects.filter(kind="rank", min_credits__lte=0).update(can_upload=False)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_default_groups")]

    operations = [migrations.RunPython(newcomers_may_upload, newcomers_may_not_upload)]
