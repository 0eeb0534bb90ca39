from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from lanting.search.models import DictionaryWord
from lanting.search.services import delete_dictionary_words, save_dictionary_word


@admin.register(DictionaryWord)
class DictionaryWordAdmin(admin.ModelAdmin[DictionaryWord]):
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]

    def save_model(
        self, request: HttpRequest, obj: DictionaryWord, form: Any, change: bool
    ) -> None:
        previous = str(form.initial.get("word", "")) if change else ""
        save_dictionary_word(word=obj, previous=previous)

    def delete_model(self, request: HttpRequest, obj: DictionaryWord) -> None:
        delete_dictionary_words(words=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[DictionaryWord]) -> None:
        delete_dictionary_words(words=list(queryset))
