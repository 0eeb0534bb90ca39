"""Notifications: a member hears of replies, quotes, @mentions, watched threads and boards,
comments on their articles and moderators' actions.

Other apps call ``services.notify``; the bell in the account box shows
``selectors.unread_count``; ``/notifications/`` lists them grouped. ``watching`` keeps who
watches (关注) a thread or a board and tells them from a job; ``mailing`` mails notices at
once or in a daily digest as each member chooses (``/notifications/settings/``), each mail
with a one-click unsubscribe link.
"""
