"""gunicorn settings, read by any gunicorn started in this folder (`make run`, production).

Access lines carry request paths and Referer headers; the logger class redacts the private
booking tokens in them (and in gunicorn's error messages) before they are written.
"""

logger_class = "intranet.logs.GunicornLogger"
