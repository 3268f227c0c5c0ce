"""The picture of a news item: checked by its content, not its name, and re-encoded before
it is stored so that nothing but the pixels is kept — no EXIF (a phone's GPS position,
the camera's serial number), no comments, no embedded thumbnails."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# A news page shows the picture at most this wide; a larger one is only heavier to load.
MAX_SIDE = 2000
# Pillow format → the stored file's extension.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass
class Picture:
    file: ContentFile
    width: int
    height: int


def _not_a_picture() -> ValidationError:
    return ValidationError(
        _("This file is not a picture. Upload a JPG, PNG or WebP picture of at most %(max)s.")
        % {"max": filesizeformat(MAX_BYTES)},
        code="not_a_picture",
    )


def checked_picture(upload) -> Picture:
    """The upload re-encoded without its metadata, or a ValidationError that says why it
    is refused: not a picture (by its content), over 10 MB, over 40 megapixels."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The picture is %(size)s; pictures of at most %(max)s are accepted.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_BYTES)},
            code="too_big",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            # Opening reads the header only: the size is known before any pixel is decoded.
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The picture is %(width)s × %(height)s pixels (%(mp)s megapixels); "
                        "pictures of at most %(max)s megapixels are accepted."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "mp": round(width * height / 1_000_000, 1),
                        "max": MAX_PIXELS // 1_000_000,
                    },
                    code="too_many_pixels",
                )
            if image.format not in FORMATS:
                raise _not_a_picture()
            fmt = image.format
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise _not_a_picture() from exc
    finally:
        upload.seek(0)
    return _reencoded(image, fmt)


def _reencoded(image: Image.Image, fmt: str) -> Picture:
    # Turned the way the camera said before its EXIF (with the orientation) is dropped.
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in {"RGB", "L"}:
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "PNG":
        if image.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    # A new image object carries no `info` into `save` unless asked: no exif=, no
    # pnginfo=, no icc_profile= — the written file has the pixels only.
    return Picture(
        file=ContentFile(out.getvalue(), name=f"picture.{FORMATS[fmt]}"),
        width=image.width,
        height=image.height,
    )
