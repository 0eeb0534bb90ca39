"""Private messages (短消息): conversations of two or a few members, their inbox, blocking.

The app's label is ``pm``: ``django.contrib.messages`` already holds ``messages``.
"""
