"""Lanting (兰亭): a community portal and forum for diaspora communities."""
