"""Notifications: a member hears of replies, quotes, @mentions and moderators' actions.

Other apps call ``services.notify`` (or ``services.tell_about_post``); the bell in the
account box shows ``selectors.unread_count``; ``/notifications/`` lists them grouped.
"""
