"""The groups every site starts with, as in Discuz!'s default install (editable later)."""

from django.db import migrations

SYSTEM = [
    # code, name, English name, may visit, may post, moderates everywhere
    ("administrator", "管理员", "Administrator", True, True, True),
    ("super_moderator", "超级版主", "Super moderator", True, True, True),
    ("moderator", "版主", "Moderator", True, True, False),
    ("banned_post", "禁止发言", "Banned from posting", True, False, False),
    ("banned_visit", "禁止访问", "Banned from visiting", False, False, False),
]
RANKS = [
    # code, name, English name, credits from
    ("new_member", "新手上路", "New member", 0),
    ("member", "注册会员", "Member", 50),
    ("", "中级会员", "Intermediate member", 200),
    ("", "高级会员", "Senior member", 500),
    ("", "金牌会员", "Gold member", 1000),
    ("", "论坛元老", "Veteran", 3000),
]


def create_groups(apps, schema_editor):
    MemberGroup = apps.get_model("accounts", "MemberGroup")
    for order, (code, name, name_en, visit, post, moderates) in enumerate(SYSTEM):
        MemberGroup.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": "system",
                "order": order,
                "can_visit": visit,
                "can_post": post,
                "can_reply": post,
                "can_comment": post,
                "can_upload": post,
                "is_moderator": moderates,
                "upload_max_kb": 10240 if moderates else 2048,
            },
        )
    for order, (code, name, name_en, credits) in enumerate(RANKS):
        if not MemberGroup.objects.filter(kind="rank", min_credits=credits).exists():
            MemberGroup.objects.create(
                code=code,
                name=name,
                name_en=name_en,
                kind="rank",
                order=order,
                min_credits=credits,
                can_upload=credits > 0,
            )
    User = apps.get_model("accounts", "User")
    newcomer = MemberGroup.objects.get(kind="rank", min_credits=0)
    User.objects.filter(rank__isnull=True).update(rank=newcomer)


def remove_groups(apps, schema_editor):
    MemberGroup = apps.get_model("accounts", "MemberGroup")
    MemberGroup.objects.filter(name__in=[row[1] for row in SYSTEM + RANKS]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_member_profile_groups_credits")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
