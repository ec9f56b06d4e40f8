"""`invoke network-fetch`: brings what each source of content/network.yaml publishes into
the network's store (NETWORK_DATA_PATH), the only place the build reads it from: the build
never reaches the network.

Every request is bounded: a connect and read timeout, and a watchdog that closes the
socket when the request's whole time is up (a server that answers a byte at a time ends
too); answers larger than NETWORK_MAX_BYTES are cut off; redirects are followed three
times at most, to http(s) only. Requests are conditional (ETag, Last-Modified): an
unchanged file costs a 304. Each file is checked (records.py) before it replaces the
last good copy; a file that fails, or a source that is down, silent, slow or answers
something else, keeps its last good copy. All requests run at once, so the whole fetch
ends within the timeout plus a second, whatever the sources do.
"""

import datetime as dt
import http.client
import ipaddress
import json
import os
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

from engine.cache import write_atomically
from engine.french import counted

from .records import Refused, source_files

USER_AGENT = "sciences-en-partage-reseau/1.0 (+https://sciences-en-partage.example.org/reseau/)"
STATE_FILE = "etat.json"
MAX_REDIRECTS = 3
STATUS_WORDS = {401: "accès réservé", 403: "accès refusé", 404: "introuvable", 410: "supprimé",
                429: "trop de demandes", 500: "erreur du serveur", 502: "passerelle en erreur",
                503: "service indisponible", 504: "passerelle trop lente"}


class FetchError(Exception):
    """Why a file could not be fetched, in French."""


@dataclass
class Answer:
    status: int          # 200 or 304
    body: bytes = b""
    etag: str = None
    last_modified: str = None


def seconds(value):
    return f"{value:g}".replace(".", ",")


def megabytes(count):
    return f"{count / 1_000_000:.0f} Mo" if count >= 1_000_000 else f"{count // 1000} Ko"


def http_get(url, timeout, max_bytes, validators=None, deadline=None, allow_private=False):
    """GET `url` within `timeout` seconds in all (redirects included), at most max_bytes;
    never to a private, loopback or link-local address unless allow_private, never from
    https down to http."""
    deadline = deadline or time.monotonic() + timeout
    secure = urlsplit(url).scheme == "https"
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or (secure and parts.scheme == "http"):
            raise FetchError(f"adresse refusée : {url[:80]}")
        if not allow_private:
            refuse_private(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"délai dépassé ({seconds(timeout)} s)")
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=left,
                                                     context=ssl.create_default_context())
        else:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=left)
        fired = threading.Event()

        def expire(connection=connection, fired=fired):
            fired.set()
            close_quietly(connection)
        watchdog = threading.Timer(left, expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **(validators or {})}
            connection.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                               headers=headers)
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status == 304:
                return Answer(304)
            if response.status != 200:
                meaning = STATUS_WORDS.get(response.status, "")
                raise FetchError(f"le serveur a répondu {response.status}" + (f" ({meaning})" if meaning else ""))
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"réponse trop grande ({megabytes(int(length))}, au plus {megabytes(max_bytes)})")
            chunks, size = [], 0
            while True:
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"réponse trop grande (plus de {megabytes(max_bytes)})")
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise FetchError(f"délai dépassé ({seconds(timeout)} s)")
            if fired.is_set():          # the watchdog closed it: what came is not the whole file
                raise FetchError(f"délai dépassé ({seconds(timeout)} s)")
            return Answer(200, b"".join(chunks), response.getheader("ETag"), response.getheader("Last-Modified"))
        except FetchError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as error:
            if fired.is_set() or isinstance(error, TimeoutError):
                raise FetchError(f"délai dépassé ({seconds(timeout)} s)") from None
            raise FetchError(connection_problem(error)) from None
        finally:
            watchdog.cancel()
            close_quietly(connection)
    raise FetchError(f"plus de {MAX_REDIRECTS} redirections")


def refuse_private(host, port):
    """A source on the local network (or the machine's cloud metadata) is not a source."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError):
        raise FetchError("nom de domaine introuvable") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise FetchError(f"adresse privée refusée ({host} : {ip})")


def close_quietly(connection):
    sock = connection.sock
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)     # wakes a read blocked in another thread
    except OSError:
        pass
    connection.close()


def connection_problem(error):
    if isinstance(error, ConnectionRefusedError):
        return "connexion refusée (le site est-il en ligne ?)"
    if isinstance(error, socket.gaierror):
        return "nom de domaine introuvable"
    if isinstance(error, ssl.SSLError):
        return f"certificat ou connexion HTTPS refusés ({error.reason or error})"
    if isinstance(error, (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead)):
        return "la connexion a été coupée avant la fin"
    return f"erreur de connexion ({type(error).__name__})"


def source_folder(data_path, source):
    return os.path.join(data_path, source.slug)


def read_state(folder):
    try:
        with open(os.path.join(folder, STATE_FILE), encoding="utf-8") as handle:
            state = json.load(handle)
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


@dataclass
class FileResult:
    name: str
    outcome: str          # "fetched", "unchanged", "kept", "missing"
    reason: str = ""
    count: int = 0
    refused: tuple = ()


def fetch_file(source, name, url, reader, folder, state, settings, now, requested=None, late=None):
    """Fetches one file of a source into its folder (only if it reads well, and some of its
    records do: a file whose every record is refused keeps the last good copy); a FileResult.
    requested: the address asked (with a key), `url` the one written down."""
    known = state.get(name) or {}
    validators = {}
    has_copy = os.path.exists(os.path.join(folder, name))
    if has_copy and known.get("etag"):
        validators["If-None-Match"] = known["etag"]
    if has_copy and known.get("last_modified"):
        validators["If-Modified-Since"] = known["last_modified"]
    try:
        answer = http_get(requested or url, settings["NETWORK_TIMEOUT"], settings["NETWORK_MAX_BYTES"], validators,
                          allow_private=settings["NETWORK_ALLOW_PRIVATE_ADDRESSES"])
        if answer.status == 304:
            return FileResult(name, "unchanged", count=known.get("count", 0))
        made, refused = reader(answer.body, source)
        if refused and not made:
            raise Refused(f"aucun enregistrement valable (le premier refusé : {refused[0][1]})")
    except (FetchError, Refused) as error:
        return FileResult(name, "kept" if has_copy else "missing", str(error))
    if late is not None and late.is_set():
        return FileResult(name, "kept" if has_copy else "missing", "délai dépassé")
    write_atomically(os.path.join(folder, name), answer.body)
    state[name] = {"url": url, "etag": answer.etag, "last_modified": answer.last_modified,
                   "fetched": now.isoformat(timespec="seconds"), "count": len(made)}
    return FileResult(name, "fetched", count=len(made), refused=tuple(refused))


def fetch_source(source, data_path, settings, now):
    """Fetches every file of `source`, one thread each; [FileResult] in the order of its files."""
    folder = source_folder(data_path, source)
    os.makedirs(folder, exist_ok=True)
    state = read_state(folder)
    files = source_files(source)
    key = os.environ.get(settings["NETWORK_OPENAGENDA_KEY_ENV"])
    results = {}

    def work(name, url, reader):
        try:
            results[name] = fetch_file(source, name, url, reader, folder, state, settings, now,
                                       with_key(url, key) if source.type == "openagenda" else url, late)
        except Exception as error:      # a bug must not stop the other sources
            results[name] = FileResult(name, "kept", f"erreur inattendue ({type(error).__name__})")
    threads = [threading.Thread(target=work, args=(name, url, reader), daemon=True)
               for name, (url, reader) in files.items()]
    late = threading.Event()        # set once the fetch is over: a thread still at work writes nothing

    def finish():
        late.set()
        return finish_source(source, folder, state, files, results)
    return threads, finish


def with_key(url, key):
    """An OpenAgenda address with the key, only to OpenAgenda itself and over https (the key
    is never written down: etat.json keeps the address without it)."""
    parts = urlsplit(url)
    if not key or parts.scheme != "https" or not (parts.hostname or "").endswith("openagenda.com"):
        return url
    return url + ("&" if parts.query else "?") + urlencode({"key": key})


def finish_source(source, folder, state, files, results):
    ordered = [results.get(name) or FileResult(name, "kept" if os.path.exists(os.path.join(folder, name))
                                                else "missing", "délai dépassé")
               for name in files]
    state["source"] = {"name": source.name, "region": source.region, "url": source.url, "type": source.type}
    write_atomically(os.path.join(folder, STATE_FILE),
                     json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode())
    return ordered


def fetch_network(sources, data_path, settings, now=None):
    """Fetches every source at once: {source name: [FileResult]}; ends within the timeout + 1 s."""
    now = now or dt.datetime.now(dt.UTC)
    started, finishers = [], []
    for source in sources:
        threads, finish = fetch_source(source, data_path, settings, now)
        started += threads
        finishers.append((source, finish))
    for thread in started:
        thread.start()
    deadline = time.monotonic() + settings["NETWORK_TIMEOUT"] + 0.5
    for thread in started:
        thread.join(max(0, deadline - time.monotonic()))
    return {source.name: finish() for source, finish in finishers}


KIND_WORDS = {"events.json": ("événement", "événements"), "events.ics": ("événement", "événements"),
              "projects.json": ("projet", "projets"), "actors.json": ("acteur", "acteurs"),
              "news.xml": ("actualité", "actualités")}


def summary(results):
    """One French paragraph per source: what was fetched, unchanged, kept and why."""
    lines = []
    for name, files in results.items():
        outcomes = {result.outcome for result in files}
        if "kept" in outcomes:
            head = "gardé la dernière bonne copie"
        elif "fetched" in outcomes:
            head = "récupéré"
        elif "unchanged" in outcomes:
            head = "inchangé"
        else:
            head = "rien reçu"
        details = []
        for result in files:
            singular, kind = KIND_WORDS[result.name]
            if result.outcome in ("fetched", "unchanged"):
                details.append(counted(result.count, singular, kind)
                               + (" (inchangé)" if result.outcome == "unchanged" else ""))
            elif result.outcome == "kept":
                details.append(f"{kind} : dernière bonne copie gardée, car {result.reason}")
            else:
                details.append(f"{kind} : rien, car {result.reason}")
            for number, reason in result.refused[:5]:
                details.append(f"refusé ({singular} n° {number}) : {reason}")
            if len(result.refused) > 5:
                details.append(f"… et {len(result.refused) - 5} autres refusés")
        lines.append(f"{name} : {head}\n" + "\n".join(f"  - {detail}" for detail in details))
    return "\n".join(lines)


def main(content_path, settings, data_path=None):
    """`invoke network-fetch`: fetches every source of content/network.yaml, prints a French
    summary; 1 if network.yaml has problems (said line by line), else 0 whatever the
    sources did: the build goes on with the last good copies."""
    from content_model.network_file import NETWORK_FILE, read_network

    from .settings import DEFAULT_SETTINGS, configure
    settings = {**DEFAULT_SETTINGS, **{key: value for key, value in settings.items() if key.startswith("NETWORK_")},
                "PATH": content_path}
    configure(settings)
    sources, problems = read_network(content_path)
    for problem in problems:
        print(f"{os.path.join(content_path, NETWORK_FILE)}:{problem.line}: {problem.field}: "
              f"{problem.message} — {problem.fix}")
    if problems:
        return 1
    if not sources:
        print(f"Aucune source : {os.path.join(content_path, NETWORK_FILE)} n'en liste pas.")
        return 0
    data_path = data_path or settings["NETWORK_DATA_PATH"]
    started = time.monotonic()
    results = fetch_network(sources, data_path, settings)
    print(summary(results))
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
    print(f"Réseau : {len(sources)} sources interrogées en {seconds} s ; copies dans {data_path}.")
    return 0
