"""Vojvodina's 45 municipalities and cities as a tile map: (column, row) of each, west to
east and north to south, roughly where it lies — Bačka in the west, Banat in the east
across the Tisa, Srem along the Danube in the south. A tile map gives each municipality
the same size, so a small one reached often is as visible as Zrenjanin; the portal
ships it, so no map tile is ever fetched from elsewhere.

The names are the reference data's (pzss/core/reference.py); a test checks they match.
"""

TILES: dict[str, tuple[int, int]] = {
    # the north: the Hungarian border
    "Суботица": (2, 0),
    "Кањижа": (3, 0),
    "Нови Кнежевац": (4, 0),
    "Сомбор": (0, 1),
    "Бачка Топола": (2, 1),
    "Сента": (3, 1),
    "Чока": (4, 1),
    "Кикинда": (5, 1),
    "Апатин": (0, 2),
    "Кула": (1, 2),
    "Мали Иђош": (2, 2),
    "Ада": (3, 2),
    "Нови Бечеј": (4, 2),
    "Нова Црња": (5, 2),
    # the middle: Bačka's south and central Banat
    "Оџаци": (0, 3),
    "Врбас": (1, 3),
    "Србобран": (2, 3),
    "Бечеј": (3, 3),
    "Зрењанин": (4, 3),
    "Житиште": (5, 3),
    "Сечањ": (6, 3),
    "Бач": (0, 4),
    "Бачки Петровац": (1, 4),
    "Темерин": (2, 4),
    "Жабаљ": (3, 4),
    "Тител": (4, 4),
    "Ковачица": (5, 4),
    "Пландиште": (6, 4),
    # the Danube: Novi Sad, southern Banat
    "Бачка Паланка": (0, 5),
    "Беочин": (1, 5),
    "Нови Сад": (2, 5),
    "Сремски Карловци": (3, 5),
    "Опово": (4, 5),
    "Алибунар": (5, 5),
    "Вршац": (6, 5),
    # Srem and the Danube's south bank
    "Шид": (0, 6),
    "Сремска Митровица": (1, 6),
    "Ириг": (2, 6),
    "Инђија": (3, 6),
    "Панчево": (4, 6),
    "Ковин": (5, 6),
    "Бела Црква": (6, 6),
    "Рума": (1, 7),
    "Пећинци": (2, 7),
    "Стара Пазова": (3, 7),
}
