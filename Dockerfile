# werkbot: one worker per container. Run two or more behind one webhook URL for availability;
# they share PostgreSQL and need nothing else. See README "Deployment".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 werkbot
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY runtime ./runtime
COPY standin ./standin
COPY rules ./rules
COPY locale ./locale
# editable: the catalogs in locale/ are read from beside the packages
RUN pip install -e . && python -c "import bot.i18n; bot.i18n.translator('nl')"

USER werkbot
# 8080: the webhook (behind the reverse proxy); 9100: /healthz and /metrics (internal only)
EXPOSE 8080 9100
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:9100/healthz', timeout=4).status == 200 else 1)"
# Migrations run once per release, before the workers, with the same image (an init container,
# a compose service the workers depend on, or by hand): docker run --env-file werkbot.env IMAGE db upgrade
# The webhook URL is the setting WEBHOOK_URL (https://...), like every other setting.
ENTRYPOINT ["werkbot"]
CMD ["run", "--listen", "0.0.0.0", "--port", "8080", "--operations-port", "9100"]
