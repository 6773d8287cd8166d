<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AutoPauseBanner</name>
    <message>
        <source>&amp;Resume and Recover</source>
        <translation>&amp;Fortsetzen und nachholen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) paused by auto-disable; their new deliveries are held.</source>
        <translation>
            <numerusform>%n Webhook von der automatischen Deaktivierung pausiert; seine neuen Zustellungen werden zurückgehalten.</numerusform>
            <numerusform>%n Webhooks von der automatischen Deaktivierung pausiert; ihre neuen Zustellungen werden zurückgehalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Webhook %1 (%2): %3, since %4. Its new deliveries are held.</source>
        <translation>Webhook %1 (%2) – %3, seit %4. Seine neuen Zustellungen werden zurückgehalten.</translation>
    </message>
    <message>
        <source>Webhook %1 (%2): %3, since %4</source>
        <translation>Webhook %1 (%2) – %3, seit %4</translation>
    </message>
</context>
<context>
    <name>DeliveryDetailView</name>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Nutzdaten</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>&amp;Versuche:</translation>
    </message>
    <message>
        <source>Select a delivery to see its attempts.</source>
        <translation>Wählen Sie eine Zustellung, um ihre Versuche zu sehen.</translation>
    </message>
    <message>
        <source>Delivery %1 no longer exists (pruned or deleted).</source>
        <translation>Die Zustellung %1 gibt es nicht mehr (bereinigt oder gelöscht).</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 (job %2)</source>
        <translation>%1 (Auftrag %2)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>Being sent by</source>
        <translation>Wird gesendet von</translation>
    </message>
    <message>
        <source>Webhook deactivated</source>
        <translation>Webhook deaktiviert</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>#%1  %2  %3  (%4 ms)</source>
        <translation>#%1  %2  %3  (%4 ms)</translation>
    </message>
    <message>
        <source>Not sent yet.

The request will be:
POST %1

%2</source>
        <translation>Noch nicht gesendet.

Die Anfrage wird sein:
POST %1

%2</translation>
    </message>
    <message>
        <source>Started %1, took %2 ms</source>
        <translation>Begonnen %1, Dauer %2 ms</translation>
    </message>
    <message>
        <source>Nothing was sent: the webhook was inactive (Webhook deactivated).</source>
        <translation>Nichts wurde gesendet: Der Webhook war inaktiv (Webhook deactivated).</translation>
    </message>
    <message>
        <source>No response: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <source>[body cut off after %1 KiB]</source>
        <translation>[Inhalt nach %1 KiB abgeschnitten]</translation>
    </message>
    <message>
        <source>Custom headers</source>
        <translation>Eigene Header</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>trusts a self-signed certificate</source>
        <translation>vertraut einem selbstsignierten Zertifikat</translation>
    </message>
    <message>
        <source>Pre&amp;tty</source>
        <translation>For&amp;matiert</translation>
    </message>
    <message>
        <source>Indent JSON bodies instead of showing the exact bytes that were sent</source>
        <translation>JSON-Inhalte eingerückt zeigen statt genau der gesendeten Bytes</translation>
    </message>
    <message>
        <source>%1  [test: %2]</source>
        <translation>%1  [Test: %2]</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
</context>
<context>
    <name>DeliveryHistoryModel</name>
    <message>
        <source>Sending</source>
        <translation type="vanished">Wird gesendet</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>First sent</source>
        <translation>Zuerst
gesendet</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>Zuletzt
gesendet</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster
Versuch</translation>
    </message>
</context>
<context>
    <name>DeliveryService</name>
    <message>
        <source>An in-memory database cannot be delivered from: its deliveries are private to the window&apos;s queries. Use a database file.</source>
        <translation>Aus einer Datenbank im Arbeitsspeicher kann nicht zugestellt werden: Ihre Zustellungen sind nur für die Abfragen des Fensters sichtbar. Verwenden Sie eine Datenbankdatei.</translation>
    </message>
</context>
<context>
    <name>DeliveryText</name>
    <message>
        <source>Never tried</source>
        <translation>Nie versucht</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Being sent now.</source>
        <translation>Wird gerade gesendet.</translation>
    </message>
    <message>
        <source>Not tried yet; suspended.</source>
        <translation>Noch nicht versucht; angehalten.</translation>
    </message>
    <message>
        <source>Not tried yet.</source>
        <translation>Noch nicht versucht.</translation>
    </message>
    <message>
        <source>Delivered at %1</source>
        <translation>Zugestellt am %1</translation>
    </message>
    <message>
        <source>Tried since %1, last failed at %2</source>
        <translation>Versucht seit %1, zuletzt fehlgeschlagen am %2</translation>
    </message>
    <message>
        <source>Failed at %1</source>
        <translation>Fehlgeschlagen am %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 days %2 h</source>
        <translation>%1 Tage %2 h</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 überfällig</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>angehalten</translation>
    </message>
    <message numerus="yes">
        <source>binary, %n bytes</source>
        <translation>
            <numerusform>binär, %n Byte</numerusform>
            <numerusform>binär, %n Bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[first %n bytes shown]</source>
        <translation>
            <numerusform>[erstes Byte gezeigt]</numerusform>
            <numerusform>[erste %n Bytes gezeigt]</numerusform>
        </translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Queued again</source>
        <translation>Erneut eingereiht</translation>
    </message>
    <message>
        <source>%1 (%2 since retry)</source>
        <translation>%1 (%2 seit Wiederholung)</translation>
    </message>
    <message>
        <source>Last attempt delivered at %1; suspended.</source>
        <translation>Letzter Versuch zugestellt am %1; angehalten.</translation>
    </message>
    <message>
        <source>Last attempt delivered at %1; queued to be sent again.</source>
        <translation>Letzter Versuch zugestellt am %1; wird erneut gesendet.</translation>
    </message>
    <message>
        <source>Webhook deactivated</source>
        <translation>Webhook deaktiviert</translation>
    </message>
    <message>
        <source>Bad HTTP response: %1</source>
        <translation>Ungültige HTTP-Antwort: %1</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>Connection closed by the receiver before a complete response</source>
        <translation>Verbindung vom Empfänger vor einer vollständigen Antwort geschlossen</translation>
    </message>
    <message>
        <source>Connection timed out</source>
        <translation>Zeitüberschreitung beim Verbinden</translation>
    </message>
    <message>
        <source>Request timeout</source>
        <translation>Zeitüberschreitung der Anfrage</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>TLS handshake failed</source>
        <translation>TLS-Handshake fehlgeschlagen</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS-Handshake fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot connect to proxy: %1</source>
        <translation>Keine Verbindung zum Proxy: %1</translation>
    </message>
    <message>
        <source>Request not sent: %1</source>
        <translation>Anfrage nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Host %1 not found</source>
        <translation>Host %1 nicht gefunden</translation>
    </message>
    <message>
        <source>Connection error: %1</source>
        <translation>Verbindungsfehler: %1</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>1 day</source>
        <translation type="vanished">1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="vanished">%1 Tage</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="vanished">1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation type="vanished">%1 Stunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="vanished">1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation type="vanished">%1 Minuten</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation type="vanished">1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation type="vanished">%1 Sekunden</translation>
    </message>
    <message>
        <source>1 millisecond</source>
        <translation type="vanished">1 Millisekunde</translation>
    </message>
    <message>
        <source>%1 milliseconds</source>
        <translation type="vanished">%1 Millisekunden</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n millisecond(s)</source>
        <translation>
            <numerusform>%n Millisekunde</numerusform>
            <numerusform>%n Millisekunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryCounter</name>
    <message>
        <source>Cannot count the deliveries: %1</source>
        <translation>Die Zustellungen lassen sich nicht zählen: %1</translation>
    </message>
    <message>
        <source>Cannot read the deliveries: %1</source>
        <translation>Die Zustellungen lassen sich nicht lesen: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>Selected &amp;webhook only</source>
        <translation>Nur gewählter &amp;Webhook</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>All event types</source>
        <translation>Alle Ereignistypen</translation>
    </message>
    <message>
        <source>Search: id, event type or failure (Ctrl+F)</source>
        <translation>Suche: Nr., Ereignistyp oder Fehler (Strg+F)</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation>
            <numerusform>%n Zustellung</numerusform>
            <numerusform>%n Zustellungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>≈ %n delivery(s)</source>
        <translation>
            <numerusform>≈ %n Zustellung</numerusform>
            <numerusform>≈ %n Zustellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>No deliveries match these filters.</source>
        <translation>Keine Zustellung passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>No deliveries yet: ping the webhook to send a test delivery.</source>
        <translation>Noch keine Zustellungen: Pingen Sie den Webhook, um eine Testzustellung zu senden.</translation>
    </message>
    <message>
        <source>No deliveries yet: select a webhook and ping it to send a test delivery.</source>
        <translation>Noch keine Zustellungen: Wählen Sie einen Webhook und pingen Sie ihn, um eine Testzustellung zu senden.</translation>
    </message>
    <message>
        <source>Ping (%1)</source>
        <translation>Ping (%1)</translation>
    </message>
    <message>
        <source>F&amp;ilters</source>
        <translation>F&amp;ilter</translation>
    </message>
    <message>
        <source>Save this filter, or apply one saved before</source>
        <translation>Diesen Filter speichern oder einen gespeicherten anwenden</translation>
    </message>
    <message>
        <source>&amp;Save This Filter…</source>
        <translation>Diesen Filter &amp;speichern…</translation>
    </message>
    <message>
        <source>Save Filter</source>
        <translation>Filter speichern</translation>
    </message>
    <message>
        <source>A name for this filter (a saved one of the same name is replaced):</source>
        <translation>Ein Name für diesen Filter (ein gespeicherter gleichen Namens wird ersetzt):</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Sorting by %1 is offered for up to %L2 deliveries; this list has %L3. Narrow it with the filters first.</source>
        <translation>Nach „%1“ sortieren lässt sich eine Liste von bis zu %L2 Zustellungen; diese hat %L3. Grenzen Sie sie zuerst mit den Filtern ein.</translation>
    </message>
</context>
<context>
    <name>HistorySearchBar</name>
    <message>
        <source>Fro&amp;m</source>
        <translation>V&amp;on</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Delivery id</source>
        <translation>Zustellungsnr.</translation>
    </message>
    <message>
        <source>“%1” is not an HTTP status: give one from 100 to 599, such as 404, or a class such as 5xx.</source>
        <translation>„%1“ ist kein HTTP-Status: Geben Sie einen von 100 bis 599 an, etwa 404, oder eine Klasse wie 5xx.</translation>
    </message>
    <message>
        <source>The range ends before it starts: pick a “To” date on or after the “From” date.</source>
        <translation>Der Zeitraum endet, bevor er beginnt: Wählen Sie als „Bis“ ein Datum am oder nach dem „Von“-Datum.</translation>
    </message>
    <message>
        <source>The last attempt&apos;s HTTP status: a code such as 404, or a class such as 5xx</source>
        <translation>Der HTTP-Status des letzten Versuchs: ein Code wie 404 oder eine Klasse wie 5xx</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hookwatch</source>
        <translation>Hookwatch</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Retry &amp;schedule</source>
        <translation>&amp;Wiederholungsplan</translation>
    </message>
    <message>
        <source>Show Hookwatch</source>
        <translation>Hookwatch anzeigen</translation>
    </message>
    <message>
        <source>Delivery %1 (%2) to %3 failed for good: %4</source>
        <translation>Zustellung %1 (%2) an %3 ist endgültig fehlgeschlagen: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries failed for good.</source>
        <translation>
            <numerusform>%n Zustellung ist endgültig fehlgeschlagen.</numerusform>
            <numerusform>%n Zustellungen sind endgültig fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hookwatch: delivery failed</source>
        <translation>Hookwatch: Zustellung fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;Add Webhook…</source>
        <translation>Webhook &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit Webhook…</source>
        <translation>Webhook &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Delete Webhook…</source>
        <translation>Webhook &amp;löschen…</translation>
    </message>
    <message>
        <source>Ctrl+Del</source>
        <translation>Ctrl+Del</translation>
    </message>
    <message>
        <source>&amp;Ping</source>
        <translation>&amp;Ping</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Send &amp;Test Event…</source>
        <translation>&amp;Testereignis senden…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Retry with New &amp;24-Hour Window</source>
        <translation type="vanished">Mit neuem &amp;24-Stunden-Fenster wiederholen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Retry &amp;Now</source>
        <translation>&amp;Jetzt wiederholen</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>&amp;Pause Delivering</source>
        <translation>Zustellen &amp;pausieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>Prune &amp;Old Deliveries…</source>
        <translation>&amp;Alte Zustellungen bereinigen…</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Copy as &amp;curl</source>
        <translation>Als &amp;curl kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Hookwatch</source>
        <translation>&amp;Über Hookwatch</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Webhook</source>
        <translation>&amp;Webhook</translation>
    </message>
    <message>
        <source>&amp;Delivery</source>
        <translation>&amp;Zustellung</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Selected &amp;webhook only</source>
        <translation type="vanished">Nur gewählter &amp;Webhook</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="vanished">Alle Zustände</translation>
    </message>
    <message>
        <source>All event types</source>
        <translation type="vanished">Alle Ereignistypen</translation>
    </message>
    <message>
        <source>Search: id, event type or failure (Ctrl+F)</source>
        <translation type="vanished">Suche: Nr., Ereignistyp oder Fehler (Strg+F)</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation type="vanished">
            <numerusform>%n Zustellung</numerusform>
            <numerusform>%n Zustellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Öffne %1…</translation>
    </message>
    <message>
        <source>%1 — Hookwatch</source>
        <translation>%1 — Hookwatch</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 geöffnet.</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Keine Datenbank</translation>
    </message>
    <message>
        <source>Database Unavailable</source>
        <translation>Datenbank nicht verfügbar</translation>
    </message>
    <message>
        <source>Choose another database in the preferences, or start Hookwatch with --db.</source>
        <translation>Wählen Sie in den Einstellungen eine andere Datenbank oder starten Sie Hookwatch mit --db.</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Retry &amp;schedule (%1)</source>
        <translation>&amp;Wiederholungsplan (%1)</translation>
    </message>
    <message>
        <source>Database problem: %1</source>
        <translation>Datenbankproblem: %1</translation>
    </message>
    <message>
        <source>Watching only (workers deliver)</source>
        <translation>Nur beobachten (Worker stellen zu)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message numerus="yes">
        <source>Delivering: %n in flight</source>
        <translation>
            <numerusform>Stellt zu: %n unterwegs</numerusform>
            <numerusform>Stellt zu: %n unterwegs</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivering: idle</source>
        <translation>Stellt zu: untätig</translation>
    </message>
    <message>
        <source>Pending %1 · Retrying %2 · Failed in 24 h %3</source>
        <translation type="vanished">Ausstehend %1 · Wiederholt %2 · Fehlgeschlagen in 24 h %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n delivery(s))</source>
        <translation>
            <numerusform>%1 (%n Zustellung)</numerusform>
            <numerusform>%1 (%n Zustellungen)</numerusform>
        </translation>
    </message>
    <message>
        <source>No leases held</source>
        <translation>Keine Leases vergeben</translation>
    </message>
    <message numerus="yes">
        <source>Leases: %n worker(s)</source>
        <translation>
            <numerusform>Leases: %n Worker</numerusform>
            <numerusform>Leases: %n Worker</numerusform>
        </translation>
    </message>
    <message>
        <source>No worker is sending anything right now.</source>
        <translation>Gerade sendet kein Worker etwas.</translation>
    </message>
    <message>
        <source>Sending now:
%1</source>
        <translation>Sendet gerade:
%1</translation>
    </message>
    <message>
        <source>Resume &amp;Delivering</source>
        <translation>Zustellen &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Delete Webhook</source>
        <translation>Webhook löschen</translation>
    </message>
    <message>
        <source>Delete the webhook for %1?</source>
        <translation>Den Webhook für %1 löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Any pending deliveries or logs of past deliveries will be permanently lost (%n pending now). To suspend deliveries and keep them, deactivate the webhook instead.</source>
        <translation>
            <numerusform>Alle ausstehenden Zustellungen und die Protokolle vergangener Zustellungen gehen unwiderruflich verloren (derzeit %n ausstehend). Um Zustellungen auszusetzen und sie zu behalten, deaktivieren Sie den Webhook stattdessen.</numerusform>
            <numerusform>Alle ausstehenden Zustellungen und die Protokolle vergangener Zustellungen gehen unwiderruflich verloren (derzeit %n ausstehend). Um Zustellungen auszusetzen und sie zu behalten, deaktivieren Sie den Webhook stattdessen.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>D&amp;eactivate Instead</source>
        <translation>Stattdessen &amp;deaktivieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Select a failed or delivered delivery to retry.</source>
        <translation>Wählen Sie eine fehlgeschlagene oder zugestellte Zustellung zum Wiederholen.</translation>
    </message>
    <message>
        <source>Select a waiting delivery to send it now.</source>
        <translation>Wählen Sie eine wartende Zustellung, um sie jetzt zu senden.</translation>
    </message>
    <message>
        <source>Delivering paused: nothing is sent until you resume.</source>
        <translation>Zustellen pausiert: Nichts wird gesendet, bis Sie fortsetzen.</translation>
    </message>
    <message>
        <source>Delivering resumed.</source>
        <translation>Zustellen fortgesetzt.</translation>
    </message>
    <message>
        <source>Prune Old Deliveries</source>
        <translation>Alte Zustellungen bereinigen</translation>
    </message>
    <message numerus="yes">
        <source>Delete every delivery that finished more than %n day(s) ago, with its attempts?</source>
        <translation>
            <numerusform>Jede Zustellung, die vor mehr als %n Tag abgeschlossen wurde, mit ihren Versuchen löschen?</numerusform>
            <numerusform>Jede Zustellung, die vor mehr als %n Tagen abgeschlossen wurde, mit ihren Versuchen löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>The retention period is set in the preferences.</source>
        <translation>Die Aufbewahrungsdauer wird in den Einstellungen festgelegt.</translation>
    </message>
    <message>
        <source>&amp;Prune</source>
        <translation>&amp;Bereinigen</translation>
    </message>
    <message>
        <source>Opened the new database; note that --db or HOOKWATCH_DB chooses the database at the next start.</source>
        <translation>Die neue Datenbank ist geöffnet; beachten Sie, dass beim nächsten Start --db oder HOOKWATCH_DB die Datenbank bestimmt.</translation>
    </message>
    <message>
        <source>Select a delivery first.</source>
        <translation>Wählen Sie zuerst eine Zustellung.</translation>
    </message>
    <message>
        <source>Copied the request as a curl command.</source>
        <translation>Die Anfrage wurde als curl-Befehl kopiert.</translation>
    </message>
    <message>
        <source>About Hookwatch</source>
        <translation>Über Hookwatch</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Hookwatch %1&lt;/h3&gt;&lt;p&gt;Sends webhooks and watches their deliveries, with Launchpad&apos;s retry rules.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Hookwatch %1&lt;/h3&gt;&lt;p&gt;Sendet Webhooks und beobachtet ihre Zustellung, mit den Wiederholungsregeln von Launchpad.&lt;/p&gt;&lt;p&gt;Datenbank: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Send Event</source>
        <translation>Ereignis senden</translation>
    </message>
    <message>
        <source>Retry, New Window</source>
        <translation type="vanished">Mit neuem Fenster</translation>
    </message>
    <message>
        <source>Prune</source>
        <translation>Bereinigen</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Res&amp;ume Webhook</source>
        <translation>Webhook &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Pa&amp;use Webhook</source>
        <translation>Webhook pa&amp;usieren</translation>
    </message>
    <message>
        <source>Recover &amp;Failed Deliveries…</source>
        <translation>&amp;Fehlgeschlagene Zustellungen wiederherstellen…</translation>
    </message>
    <message>
        <source>&amp;Stuck Deliveries…</source>
        <translation>&amp;Hängende Zustellungen…</translation>
    </message>
    <message>
        <source>E&amp;xport History…</source>
        <translation>Verlauf e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export &amp;Attempts…</source>
        <translation>&amp;Versuche exportieren…</translation>
    </message>
    <message>
        <source>Recover Failed</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Export History</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export Attempts</source>
        <translation>Versuche exportieren</translation>
    </message>
    <message>
        <source>HTTP Archive (*.har)</source>
        <translation>HTTP-Archiv (*.har)</translation>
    </message>
    <message>
        <source>HTTP request file (*.http)</source>
        <translation>HTTP-Anfragedatei (*.http)</translation>
    </message>
    <message>
        <source>Retry All &amp;Failed of Webhook</source>
        <translation type="vanished">Alle &amp;fehlgeschlagenen des Webhooks wiederholen</translation>
    </message>
    <message>
        <source>Retry Failed</source>
        <translation type="vanished">Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <source>%1 pending · %2 retrying · %3 failed in the last 24 h</source>
        <translation>%1 ausstehend · %2 in Wiederholung · %3 in den letzten 24 h fehlgeschlagen</translation>
    </message>
    <message>
        <source>Retry and Restart the &amp;24-Hour Window</source>
        <translation>Wiederholen und &amp;24-Stunden-Fenster neu beginnen</translation>
    </message>
    <message>
        <source>Retry, Restart 24 h</source>
        <translation>Wiederholen, 24 h neu</translation>
    </message>
    <message>
        <source>Retry &amp;schedule (%1 of %2)</source>
        <translation>&amp;Wiederholungsplan (%1 von %2)</translation>
    </message>
    <message>
        <source>No webhooks yet.</source>
        <translation>Noch keine Webhooks.</translation>
    </message>
    <message>
        <source>Add a webhook (%1)</source>
        <translation>Webhook hinzufügen (%1)</translation>
    </message>
    <message>
        <source>Retry Now</source>
        <translation>Jetzt senden</translation>
    </message>
    <message>
        <source>S&amp;ummarize History…</source>
        <translation>Verlauf &amp;zusammenfassen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>sqlite:/path/to/hookwatch.db or postgresql://user@host/dbname</source>
        <translation>sqlite:/pfad/zu/hookwatch.db oder postgresql://benutzer@host/dbname</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Delivering</source>
        <translation>Zustellen</translation>
    </message>
    <message>
        <source>&amp;Deliver from this window (switch off to only watch a store that workers deliver from)</source>
        <translation>Aus diesem Fenster &amp;zustellen (ausschalten, um nur einen Speicher zu beobachten, aus dem Worker zustellen)</translation>
    </message>
    <message>
        <source>&amp;Concurrent requests:</source>
        <translation>&amp;Gleichzeitige Anfragen:</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>&amp;Proxy:</translation>
    </message>
    <message>
        <source>none, or http://host:port or socks5://host:port</source>
        <translation>keiner, oder http://host:port oder socks5://host:port</translation>
    </message>
    <message>
        <source>History and retries</source>
        <translation>Verlauf und Wiederholungen</translation>
    </message>
    <message>
        <source>&amp;Keep finished deliveries for:</source>
        <translation>Abgeschlossene Zustellungen &amp;aufbewahren für:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Default &amp;retry policy:</source>
        <translation>Standard-&amp;Wiederholungsregel:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>In use: %1</source>
        <translation>In Gebrauch: %1</translation>
    </message>
    <message>
        <source>SQLite Database</source>
        <translation>SQLite-Datenbank</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Not tested yet: it is opened when you press OK.</source>
        <translation>Noch nicht getestet: Sie wird geöffnet, wenn Sie OK drücken.</translation>
    </message>
    <message>
        <source>The proxy must look like http://host:port or socks5://host:port.</source>
        <translation>Der Proxy muss die Form http://host:port oder socks5://host:port haben.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Öffne %1…</translation>
    </message>
    <message>
        <source>Cannot use this database: %1</source>
        <translation>Diese Datenbank ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The database works.</source>
        <translation>Die Datenbank funktioniert.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>When a webhook starts &amp;failing</source>
        <translation>Wenn ein Webhook zu &amp;scheitern beginnt</translation>
    </message>
    <message>
        <source>When a delivery fails for &amp;good</source>
        <translation>Wenn eine Zustellung endgültig &amp;fehlschlägt</translation>
    </message>
    <message>
        <source>When a failing webhook reco&amp;vers</source>
        <translation>Wenn ein scheiternder Webhook sich &amp;erholt</translation>
    </message>
    <message>
        <source>When auto-disable pa&amp;uses a webhook</source>
        <translation>Wenn die automatische Deaktivierung einen Webhook pa&amp;usiert</translation>
    </message>
</context>
<context>
    <name>ReceiverTestsMenu</name>
    <message>
        <source>&amp;Test the Receiver</source>
        <translation>Empfänger &amp;testen</translation>
    </message>
    <message>
        <source>Send &amp;Again With the Same Id</source>
        <translation>Mit derselben Id &amp;erneut senden</translation>
    </message>
    <message>
        <source>Sends the selected delivery again with its id and signature: does the receiver deduplicate?</source>
        <translation>Sendet die gewählte Zustellung noch einmal mit ihrer Id und Signatur: Erkennt der Empfänger das Duplikat?</translation>
    </message>
    <message numerus="yes">
        <source>Send %n &amp;Duplicates at Once</source>
        <translation>
            <numerusform>%n &amp;Duplikat auf einmal senden</numerusform>
            <numerusform>%n &amp;Duplikate auf einmal senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Sends the selected delivery several times at the same moment.</source>
        <translation>Sendet die gewählte Zustellung mehrmals im selben Moment.</translation>
    </message>
    <message>
        <source>Send With an &amp;Expired Timestamp</source>
        <translation>Mit &amp;abgelaufenem Zeitstempel senden</translation>
    </message>
    <message>
        <source>Signs the selected delivery 10 minutes in the past: a receiver that checks the replay window must refuse it (Standard Webhooks and Stripe only).</source>
        <translation>Signiert die gewählte Zustellung mit einem 10 Minuten alten Zeitstempel: Ein Empfänger, der Wiederholungen prüft, muss sie ablehnen (nur Standard Webhooks und Stripe).</translation>
    </message>
    <message>
        <source>Send a &amp;Batch Out of Order</source>
        <translation>&amp;Stapel in falscher Reihenfolge senden</translation>
    </message>
    <message numerus="yes">
        <source>Creates %n test events for the selected webhook and sends them newest first.</source>
        <translation>
            <numerusform>Erzeugt %n Testereignis für den gewählten Webhook und sendet es.</numerusform>
            <numerusform>Erzeugt %n Testereignisse für den gewählten Webhook und sendet das neueste zuerst.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Recover Failed Deliveries</source>
        <translation>Fehlgeschlagene Zustellungen wiederherstellen</translation>
    </message>
    <message>
        <source>Send the deliveries that failed for good again, oldest first, each with a new retry window. Workers take them at each webhook&apos;s own pace.</source>
        <translation>Die endgültig fehlgeschlagenen Zustellungen erneut senden, die älteste zuerst, jede mit einem neuen Wiederholungsfenster. Die Worker nehmen sie im Tempo des jeweiligen Webhooks.</translation>
    </message>
    <message>
        <source>Failed since:</source>
        <translation>Fehlgeschlagen seit:</translation>
    </message>
    <message>
        <source>Only webhook %1 (%2)</source>
        <translation>Nur Webhook %1 (%2)</translation>
    </message>
    <message>
        <source>Only the selected webhook</source>
        <translation>Nur der gewählte Webhook</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Nothing failed since then.</source>
        <translation>Seitdem ist nichts fehlgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <source>%n failed delivery(s) will be sent again.</source>
        <translation>
            <numerusform>%n fehlgeschlagene Zustellung wird erneut gesendet.</numerusform>
            <numerusform>%n fehlgeschlagene Zustellungen werden erneut gesendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n:</source>
        <translation>
            <numerusform>Die erste:</numerusform>
            <numerusform>Die ersten %n:</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1  webhook %2  %3  failed %4: %5</source>
        <translation>#%1  Webhook %2  %3  fehlgeschlagen %4: %5</translation>
    </message>
</context>
<context>
    <name>RetryPicture</name>
    <message>
        <source>Retry schedule</source>
        <translation>Wiederholungsplan</translation>
    </message>
    <message>
        <source>Each mark is an attempt from the first one: green delivered, red failed, orange the next, grey those still to come if every attempt fails. The dashed line is where the retry window ends.</source>
        <translation>Jede Marke ist ein Versuch, ab dem ersten: grün zugestellt, rot fehlgeschlagen, orange der nächste, grau die noch folgenden, falls jeder Versuch fehlschlägt. Die gestrichelte Linie zeigt, wo das Wiederholungsfenster endet.</translation>
    </message>
    <message>
        <source>No retry to come</source>
        <translation>Keine Wiederholung mehr</translation>
    </message>
    <message>
        <source>First retry %1 after the first attempt</source>
        <translation>Erste Wiederholung %1 nach dem ersten Versuch</translation>
    </message>
    <message>
        <source>Next attempt due now</source>
        <translation>Nächster Versuch jetzt fällig</translation>
    </message>
    <message>
        <source>Next attempt in %1</source>
        <translation>Nächster Versuch in %1</translation>
    </message>
    <message>
        <source>No attempts to show.</source>
        <translation>Keine Versuche anzuzeigen.</translation>
    </message>
    <message>
        <source>window ends</source>
        <translation>Fenster endet</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>next</source>
        <translation>nächster</translation>
    </message>
    <message>
        <source>still to come</source>
        <translation>noch folgend</translation>
    </message>
</context>
<context>
    <name>RetryPolicy</name>
    <message>
        <source>Does not retry automatically.</source>
        <translation>Wiederholt nicht automatisch.</translation>
    </message>
    <message>
        <source>hourly</source>
        <translation>stündlich</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>alle %1</translation>
    </message>
    <message>
        <source>the first hour</source>
        <translation>der ersten Stunde</translation>
    </message>
    <message>
        <source>the first %1</source>
        <translation>der ersten %1</translation>
    </message>
    <message>
        <source>Retries %1 for %2, %3 until %4, then %5</source>
        <translation>Wiederholt %1 während %2, %3 bis %4, danach %5</translation>
    </message>
    <message>
        <source>Retries %1 for %2, then %3</source>
        <translation>Wiederholt %1 während %2, danach %3</translation>
    </message>
    <message>
        <source>Retries %1</source>
        <translation>Wiederholt %1</translation>
    </message>
    <message>
        <source>, until %1 after the first attempt</source>
        <translation>, bis %1 nach dem ersten Versuch</translation>
    </message>
    <message>
        <source> (%1 for HTTP errors other than 5xx)</source>
        <translation> (%1 bei anderen HTTP-Fehlern als 5xx)</translation>
    </message>
    <message>
        <source>Retries after %1, at most until %2 after the first attempt</source>
        <translation>Wiederholt nach %1, höchstens bis %2 nach dem ersten Versuch</translation>
    </message>
    <message>
        <source>Each delay varies by up to ±%1 %.</source>
        <translation>Jede Wartezeit schwankt um bis zu ±%1 %.</translation>
    </message>
    <message>
        <source>A 429 or 503 with Retry-After is retried when the receiver asks, within the window.</source>
        <translation>Ein 429 oder 503 mit Retry-After wird zu dem Zeitpunkt wiederholt, den der Empfänger verlangt, innerhalb des Zeitfensters.</translation>
    </message>
</context>
<context>
    <name>RetryScheduleModel</name>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation>letzter Versuch</translation>
    </message>
    <message>
        <source>this one is the last</source>
        <translation>dies ist der letzte</translation>
    </message>
    <message numerus="yes">
        <source>%n more: %1…</source>
        <translation>
            <numerusform>%n weiterer: %1…</numerusform>
            <numerusform>%n weitere: %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Window left</source>
        <translation>Fenster übrig</translation>
    </message>
    <message>
        <source>Projected attempts</source>
        <translation>Voraussichtliche Versuche</translation>
    </message>
</context>
<context>
    <name>SignatureWorkbench</name>
    <message>
        <source>Type the secret to check the signature (kept nowhere)</source>
        <translation>Geheimnis eingeben, um die Signatur zu prüfen (wird nirgends gespeichert)</translation>
    </message>
    <message>
        <source>Signed:</source>
        <translation>Signiert:</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Signatur:</translation>
    </message>
    <message>
        <source>&amp;Verify with secret:</source>
        <translation>Mit Geheimnis &amp;prüfen:</translation>
    </message>
    <message>
        <source>The exact bytes signed:</source>
        <translation>Die genau signierten Bytes:</translation>
    </message>
    <message>
        <source>No attempt selected.</source>
        <translation>Kein Versuch ausgewählt.</translation>
    </message>
    <message>
        <source>Nothing: no signature was sent (the webhook had no secret then).</source>
        <translation>Nichts: Es wurde keine Signatur gesendet (der Webhook hatte damals kein Geheimnis).</translation>
    </message>
    <message>
        <source>HMAC of &quot;%1&quot; (profile %2)</source>
        <translation>HMAC von „%1“ (Profil %2)</translation>
    </message>
    <message>
        <source>✔ The signature matches this secret.</source>
        <translation>✔ Die Signatur passt zu diesem Geheimnis.</translation>
    </message>
</context>
<context>
    <name>StoreService</name>
    <message>
        <source>No database is open.</source>
        <translation>Keine Datenbank ist geöffnet.</translation>
    </message>
    <message>
        <source>Cannot read the webhooks: %1</source>
        <translation>Die Webhooks lassen sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>Cannot add the webhook: %1</source>
        <translation>Der Webhook lässt sich nicht hinzufügen: %1</translation>
    </message>
    <message>
        <source>Added webhook %1.</source>
        <translation>Webhook %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Cannot save webhook %1: %2</source>
        <translation>Webhook %1 lässt sich nicht speichern: %2</translation>
    </message>
    <message>
        <source>Saved webhook %1.</source>
        <translation>Webhook %1 gespeichert.</translation>
    </message>
    <message>
        <source>Cannot delete webhook %1: %2</source>
        <translation>Webhook %1 lässt sich nicht löschen: %2</translation>
    </message>
    <message>
        <source>Deleted webhook %1 with its deliveries.</source>
        <translation>Webhook %1 mit seinen Zustellungen gelöscht.</translation>
    </message>
    <message>
        <source>Cannot count the deliveries: %1</source>
        <translation>Die Zustellungen lassen sich nicht zählen: %1</translation>
    </message>
    <message>
        <source>Cannot read the deliveries: %1</source>
        <translation>Die Zustellungen lassen sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>Cannot read the retry schedule: %1</source>
        <translation>Der Wiederholungsplan lässt sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>Cannot read the attempts of delivery %1: %2</source>
        <translation>Die Versuche der Zustellung %1 lassen sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>Cannot queue the %1 event for webhook %2: %3</source>
        <translation>Das Ereignis %1 für Webhook %2 lässt sich nicht einreihen: %3</translation>
    </message>
    <message>
        <source>Queued ping %1 to webhook %2.</source>
        <translation>Ping %1 an Webhook %2 eingereiht.</translation>
    </message>
    <message>
        <source>Queued %1 delivery %2 to webhook %3.</source>
        <translation>%1-Zustellung %2 an Webhook %3 eingereiht.</translation>
    </message>
    <message>
        <source>delivery %1: %2</source>
        <translation>Zustellung %1: %2</translation>
    </message>
    <message>
        <source>Cannot retry %1</source>
        <translation>Wiederholen nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n delivery(s) again with a new 24-hour window.</source>
        <translation>
            <numerusform>%n Zustellung mit neuem 24-Stunden-Fenster erneut eingereiht.</numerusform>
            <numerusform>%n Zustellungen mit neuem 24-Stunden-Fenster erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n delivery(s) again.</source>
        <translation>
            <numerusform>%n Zustellung erneut eingereiht.</numerusform>
            <numerusform>%n Zustellungen erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>delivery %1 is %2, not waiting</source>
        <translation>Zustellung %1 ist %2, nicht wartend</translation>
    </message>
    <message>
        <source>Cannot retry now: %1</source>
        <translation>Jetzt wiederholen nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sending %n delivery(s) now.</source>
        <translation>
            <numerusform>Sende %n Zustellung jetzt.</numerusform>
            <numerusform>Sende %n Zustellungen jetzt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s) due now; a worker will send them.</source>
        <translation>
            <numerusform>%n Zustellung ist jetzt fällig; ein Worker wird sie senden.</numerusform>
            <numerusform>%n Zustellungen sind jetzt fällig; ein Worker wird sie senden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot retry the failed deliveries of webhook %1: %2</source>
        <translation>Die fehlgeschlagenen Zustellungen von Webhook %1 lassen sich nicht wiederholen: %2</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed delivery(s) of webhook %1 again.</source>
        <translation>
            <numerusform>%n fehlgeschlagene Zustellung von Webhook %1 erneut eingereiht.</numerusform>
            <numerusform>%n fehlgeschlagene Zustellungen von Webhook %1 erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot prune: %1</source>
        <translation>Bereinigen nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Pruned %n finished delivery(s).</source>
        <translation>
            <numerusform>%n abgeschlossene Zustellung bereinigt.</numerusform>
            <numerusform>%n abgeschlossene Zustellungen bereinigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot queue the ping for webhook %1: %2</source>
        <translation>Der Ping an Webhook %1 lässt sich nicht einreihen: %2</translation>
    </message>
    <message>
        <source>Cannot count the failed deliveries: %1</source>
        <translation>Die fehlgeschlagenen Zustellungen können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>A recovery is under way already.</source>
        <translation>Eine Wiederherstellung läuft bereits.</translation>
    </message>
    <message numerus="yes">
        <source>Recovery stopped after %n delivery(s): %1</source>
        <translation>
            <numerusform>Wiederherstellung nach %n Zustellung abgebrochen: %1</numerusform>
            <numerusform>Wiederherstellung nach %n Zustellungen abgebrochen: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed delivery(s) again.</source>
        <translation>
            <numerusform>%n fehlgeschlagene Zustellung erneut eingereiht.</numerusform>
            <numerusform>%n fehlgeschlagene Zustellungen erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot pause webhook %1: %2</source>
        <translation>Webhook %1 kann nicht pausiert werden: %2</translation>
    </message>
    <message>
        <source>Cannot resume webhook %1: %2</source>
        <translation>Webhook %1 kann nicht fortgesetzt werden: %2</translation>
    </message>
    <message>
        <source>Webhook %1 is paused: its deliveries are held.</source>
        <translation>Webhook %1 ist pausiert: seine Zustellungen werden zurückgehalten.</translation>
    </message>
    <message>
        <source>Webhook %1 is resumed: held deliveries go out in order.</source>
        <translation>Webhook %1 ist fortgesetzt: zurückgehaltene Zustellungen gehen der Reihe nach hinaus.</translation>
    </message>
    <message>
        <source>Cannot look for stuck deliveries: %1</source>
        <translation>Hängende Zustellungen können nicht gesucht werden: %1</translation>
    </message>
    <message>
        <source>Cannot re-queue stuck deliveries: %1</source>
        <translation>Hängende Zustellungen können nicht erneut eingereiht werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Re-queued %n stuck delivery(s).</source>
        <translation>
            <numerusform>%n hängende Zustellung erneut eingereiht.</numerusform>
            <numerusform>%n hängende Zustellungen erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>An export is under way already.</source>
        <translation>Ein Export läuft bereits.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export stopped: %1</source>
        <translation>Export abgebrochen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n delivery(s) to %1.</source>
        <translation>
            <numerusform>%n Zustellung nach %1 exportiert.</numerusform>
            <numerusform>%n Zustellungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export delivery %1: %2</source>
        <translation>Zustellung %1 kann nicht exportiert werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n attempt(s) of delivery %1 to %2.</source>
        <translation>
            <numerusform>%n Versuch der Zustellung %1 nach %2 exportiert.</numerusform>
            <numerusform>%n Versuche der Zustellung %1 nach %2 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Receiver test: %n request(s) sent, %1 answered with a 2xx.</source>
        <translation>
            <numerusform>Empfängertest: %n Anfrage gesendet, %1 mit 2xx beantwortet.</numerusform>
            <numerusform>Empfängertest: %n Anfragen gesendet, %1 mit 2xx beantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Receiver test failed: %1</source>
        <translation>Empfängertest fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Receiver test not sent: %1</source>
        <translation>Empfängertest nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Cannot add up the history: %1</source>
        <translation>Der Verlauf lässt sich nicht zusammenfassen: %1</translation>
    </message>
</context>
<context>
    <name>StuckDialog</name>
    <message>
        <source>Stuck Deliveries</source>
        <translation>Hängende Zustellungen</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Wird gesucht…</translation>
    </message>
    <message>
        <source>&amp;Re-queue</source>
        <translation>&amp;Erneut einreihen</translation>
    </message>
    <message>
        <source>Give the deliveries running past their lease back to the queue, due now.</source>
        <translation type="vanished">Die Zustellungen, die über ihre Lease hinaus laufen, wieder in die Warteschlange geben, jetzt fällig.</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message numerus="yes">
        <source>No stuck deliveries. %n being attempted now.</source>
        <translation>
            <numerusform>Keine hängenden Zustellungen. %n wird gerade versucht.</numerusform>
            <numerusform>Keine hängenden Zustellungen. %n werden gerade versucht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running past their lease</source>
        <translation>
            <numerusform>%n läuft über ihre Lease hinaus</numerusform>
            <numerusform>%n laufen über ihre Lease hinaus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due for over a minute and not picked up.</source>
        <translation type="vanished">
            <numerusform>%n seit über einer Minute fällig und nicht abgeholt.</numerusform>
            <numerusform>%n seit über einer Minute fällig und nicht abgeholt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No dispatcher is delivering from this store: start &apos;hookwatch worker&apos;, or turn delivering on in Preferences.</source>
        <translation>Kein Dispatcher stellt aus dieser Datenbank zu: starten Sie &apos;hookwatch worker&apos; oder schalten Sie das Zustellen in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>#%1  webhook %2  %3 since %4</source>
        <translation>#%1  Webhook %2  %3 seit %4</translation>
    </message>
    <message>
        <source>running past its lease</source>
        <translation>läuft über ihre Lease hinaus</translation>
    </message>
    <message>
        <source>due, not picked up</source>
        <translation>fällig, nicht abgeholt</translation>
    </message>
    <message>
        <source>Give the deliveries running past their lease, or hung, back to the queue, due now.</source>
        <translation>Die Zustellungen, die über ihre Lease hinaus laufen oder hängen, wieder in die Warteschlange geben, jetzt fällig.</translation>
    </message>
    <message numerus="yes">
        <source>%n due for over a minute and not picked up</source>
        <translation>
            <numerusform>%n seit über einer Minute fällig und nicht abgeholt</numerusform>
            <numerusform>%n seit über einer Minute fällig und nicht abgeholt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running a minute past their webhook&apos;s timeout, the attempt count not moving.</source>
        <translation>
            <numerusform>%n läuft eine Minute über das Zeitlimit ihres Webhooks, die Zahl der Versuche steht still.</numerusform>
            <numerusform>%n laufen eine Minute über das Zeitlimit ihres Webhooks, die Zahl der Versuche steht still.</numerusform>
        </translation>
    </message>
    <message>
        <source>attempt not ending, lease renewed</source>
        <translation>Versuch endet nicht, Lease verlängert</translation>
    </message>
</context>
<context>
    <name>SummaryChart</name>
    <message>
        <source>No attempts in this history.</source>
        <translation>Keine Versuche in diesem Verlauf.</translation>
    </message>
    <message>
        <source>attempts per hour</source>
        <translation>Versuche pro Stunde</translation>
    </message>
    <message numerus="yes">
        <source>attempts per %n hour(s)</source>
        <translation>
            <numerusform>Versuche pro Stunde</numerusform>
            <numerusform>Versuche pro %n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Adding up…</source>
        <translation>Wird zusammengezählt…</translation>
    </message>
    <message>
        <source>History Summary</source>
        <translation>Zusammenfassung des Verlaufs</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation>
            <numerusform>%n Zustellung</numerusform>
            <numerusform>%n Zustellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>(the newest that match; there are more)</source>
        <translation>(die neuesten passenden; es gibt mehr)</translation>
    </message>
    <message>
        <source>%1 delivered, %2 retrying, %3 failed, %4 never tried</source>
        <translation>%1 zugestellt, %2 in Wiederholung, %3 fehlgeschlagen, %4 nie versucht</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>the receiver answered in %1 ms (median), %2 ms (p95)</source>
        <translation>der Empfänger antwortete in %1 ms (Median), %2 ms (p95)</translation>
    </message>
</context>
<context>
    <name>TestEventDialog</name>
    <message>
        <source>Send Test Event to Webhook %1</source>
        <translation>Testereignis an Webhook %1 senden</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Webhook:</source>
        <translation>Webhook:</translation>
    </message>
    <message>
        <source>&amp;Event type:</source>
        <translation>&amp;Ereignistyp:</translation>
    </message>
    <message>
        <source>&amp;Payload (JSON):</source>
        <translation>&amp;Nutzdaten (JSON):</translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2: %3</source>
        <translation>Kein gültiges JSON in Zeile %1, Spalte %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Valid JSON, %n byte(s).</source>
        <translation>
            <numerusform>Gültiges JSON, %n Byte.</numerusform>
            <numerusform>Gültiges JSON, %n Bytes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebhookDialog</name>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Delivery &amp;URL:</source>
        <translation>Zustell-&amp;URL:</translation>
    </message>
    <message>
        <source>https://example.com/hooks/launchpad</source>
        <translation>https://example.com/hooks/launchpad</translation>
    </message>
    <message>
        <source>&amp;Active: deliver events to this URL</source>
        <translation>&amp;Aktiv: Ereignisse an diese URL zustellen</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>C&amp;lear secret</source>
        <translation>Geheimnis &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Event types:</source>
        <translation>&amp;Ereignistypen:</translation>
    </message>
    <message>
        <source>&amp;Other types:</source>
        <translation>&amp;Weitere Typen:</translation>
    </message>
    <message>
        <source>more event types, separated by commas</source>
        <translation>weitere Ereignistypen, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Retry policy:</source>
        <translation>&amp;Wiederholungsregel:</translation>
    </message>
    <message>
        <source>Add Webhook</source>
        <translation>Webhook hinzufügen</translation>
    </message>
    <message>
        <source>Edit Webhook %1</source>
        <translation>Webhook %1 bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>optional; signs each request (X-Hub-Signature)</source>
        <translation type="vanished">optional; signiert jede Anfrage (X-Hub-Signature)</translation>
    </message>
    <message>
        <source>type a new secret to replace the stored one</source>
        <translation>neues Geheimnis eingeben, um das gespeicherte zu ersetzen</translation>
    </message>
    <message>
        <source>Launchpad&apos;s webhook-retries design (default)</source>
        <translation>Launchpads Entwurf „webhook-retries“ (Standard)</translation>
    </message>
    <message>
        <source>Launchpad as it is today</source>
        <translation>Launchpad, wie es heute ist</translation>
    </message>
    <message>
        <source>will be replaced</source>
        <translation>wird ersetzt</translation>
    </message>
    <message>
        <source>will be set</source>
        <translation>wird gesetzt</translation>
    </message>
    <message>
        <source>will be cleared</source>
        <translation>wird entfernt</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Custom &amp;headers:</source>
        <translation>Eigene &amp;Header:</translation>
    </message>
    <message>
        <source>Sent with every request, e.g. an Authorization header the receiver requires. Values of credential-like headers are shown masked.</source>
        <translation>Werden mit jeder Anfrage gesendet, z. B. ein Authorization-Header, den der Empfänger verlangt. Werte von Headern mit Zugangsdaten werden maskiert angezeigt.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>A&amp;dd Header</source>
        <translation>&amp;Neuer Header</translation>
    </message>
    <message>
        <source>Re&amp;move Header</source>
        <translation>Header ent&amp;fernen</translation>
    </message>
    <message>
        <source>TLS:</source>
        <translation>TLS:</translation>
    </message>
    <message>
        <source>Trust a self-signed &amp;certificate (this webhook only)</source>
        <translation>Selbstsigniertem Zertifikat &amp;vertrauen (nur dieser Webhook)</translation>
    </message>
    <message>
        <source>Accepts a certificate that no authority signed, as long as it is self-signed, for this webhook only; every other webhook&apos;s certificates are still verified. Anyone can make such a certificate, so tick this only for a receiver you run yourself.</source>
        <translation>Akzeptiert ein Zertifikat, das keine Zertifizierungsstelle signiert hat, sofern es selbstsigniert ist, nur für diesen Webhook; die Zertifikate aller anderen Webhooks werden weiterhin geprüft. Jeder kann ein solches Zertifikat erstellen: Kreuzen Sie dies nur für einen Empfänger an, den Sie selbst betreiben.</translation>
    </message>
    <message>
        <source>Header %1 has a value but no name.</source>
        <translation>Header %1 hat einen Wert, aber keinen Namen.</translation>
    </message>
    <message>
        <source>Header %1: the name must not contain a colon; write the value in its own column.</source>
        <translation>Header %1: Der Name darf keinen Doppelpunkt enthalten; schreiben Sie den Wert in die eigene Spalte.</translation>
    </message>
    <message>
        <source>Header %1: %2</source>
        <translation>Header %1: %2</translation>
    </message>
    <message>
        <source>Sen&amp;d as:</source>
        <translation>Sen&amp;den wie:</translation>
    </message>
    <message>
        <source>&amp;In flight:</source>
        <translation>&amp;Gleichzeitig:</translation>
    </message>
    <message>
        <source>No limit of its own</source>
        <translation>Keine eigene Grenze</translation>
    </message>
    <message>
        <source>at most </source>
        <translation>höchstens </translation>
    </message>
    <message>
        <source> at once</source>
        <translation> gleichzeitig</translation>
    </message>
    <message>
        <source>Requests to this webhook in flight at once, across every worker delivering from this store: protects a fragile receiver. Without a limit of its own, each worker sends as many as its concurrency allows.</source>
        <translation>Gleichzeitig laufende Anfragen an diesen Webhook, über alle Worker dieses Speichers hinweg: schützt einen empfindlichen Empfänger. Ohne eigene Grenze sendet jeder Worker so viele, wie seine Parallelität erlaubt.</translation>
    </message>
    <message>
        <source>optional; signs each request as the profile&apos;s platform does</source>
        <translation>optional; signiert jede Anfrage wie die Plattform des Profils</translation>
    </message>
    <message>
        <source>No automatic retry (GitHub)</source>
        <translation>Keine automatische Wiederholung (GitHub)</translation>
    </message>
    <message>
        <source>Launchpad (default)</source>
        <translation>Launchpad (Standard)</translation>
    </message>
    <message>
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <source>Standard Webhooks (Svix)</source>
        <translation>Standard Webhooks (Svix)</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Retry &amp;window:</source>
        <translation>Wiederholungs&amp;fenster:</translation>
    </message>
    <message>
        <source>for the first</source>
        <translation>während der ersten</translation>
    </message>
    <message>
        <source>then every</source>
        <translation>danach alle</translation>
    </message>
    <message>
        <source>a duration: 30s, 5m, 1h30m, 2d</source>
        <translation>eine Dauer: 30s, 5m, 1h30m, 2d</translation>
    </message>
    <message>
        <source>Retry until this long after the first attempt (0s: never)</source>
        <translation>Wiederholen, bis so lange nach dem ersten Versuch (0s: nie)</translation>
    </message>
    <message>
        <source>The delay after each attempt, the first attempt&apos;s 0 first; after the last step the delivery fails. Replaces the delays above.</source>
        <translation>Die Wartezeit nach jedem Versuch, zuerst die 0 des ersten Versuchs; nach der letzten Stufe schlägt die Zustellung fehl. Ersetzt die Wartezeiten darüber.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Standard Webhooks and Svix, by attempt</source>
        <translation>Standard Webhooks und Svix, nach Versuch</translation>
    </message>
    <message>
        <source>Stripe, backing off over 3 days</source>
        <translation>Stripe, zunehmend über 3 Tage</translation>
    </message>
    <message>
        <source>The retry window</source>
        <translation>Das Wiederholungsfenster</translation>
    </message>
    <message>
        <source>The early delay</source>
        <translation>Die frühe Wartezeit</translation>
    </message>
    <message>
        <source>The early period</source>
        <translation>Der frühe Zeitraum</translation>
    </message>
    <message>
        <source>The late delay</source>
        <translation>Die späte Wartezeit</translation>
    </message>
    <message>
        <source>%1 is not a duration: write it as 30s, 5m, 1h30m or 2d.</source>
        <translation>%1 ist keine Dauer: schreiben Sie sie als 30s, 5m, 1h30m oder 2d.</translation>
    </message>
    <message>
        <source>(custom, from preset %1)</source>
        <translation>(angepasst, aus Vorgabe %1)</translation>
    </message>
    <message>
        <source>or &amp;steps:</source>
        <translation>oder &amp;Stufen:</translation>
    </message>
    <message>
        <source>e.g. 0,5s,5m,30m,2h</source>
        <translation>z. B. 0,5s,5m,30m,2h</translation>
    </message>
    <message>
        <source>Retry e&amp;very:</source>
        <translation>Wiederholen a&amp;lle:</translation>
    </message>
</context>
<context>
    <name>WebhookNotices</name>
    <message>
        <source>Hookwatch: webhook failing</source>
        <translation>Hookwatch: Webhook scheitert</translation>
    </message>
    <message>
        <source>Hookwatch: webhook recovered</source>
        <translation>Hookwatch: Webhook erholt</translation>
    </message>
    <message>
        <source>Hookwatch: webhook paused</source>
        <translation>Hookwatch: Webhook pausiert</translation>
    </message>
    <message>
        <source>Webhook %1 (%2) started failing.</source>
        <translation>Webhook %1 (%2) scheitert seit Kurzem.</translation>
    </message>
    <message>
        <source>Webhook %1 (%2) delivers again.</source>
        <translation>Webhook %1 (%2) stellt wieder zu.</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) started failing.</source>
        <translation>
            <numerusform>%n Webhook scheitert seit Kurzem.</numerusform>
            <numerusform>%n Webhooks scheitern seit Kurzem.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) deliver again.</source>
        <translation>
            <numerusform>%n Webhook stellt wieder zu.</numerusform>
            <numerusform>%n Webhooks stellen wieder zu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) were paused after failing too long.</source>
        <translation>
            <numerusform>%n Webhook wurde nach zu langem Scheitern pausiert.</numerusform>
            <numerusform>%n Webhooks wurden nach zu langem Scheitern pausiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused after %1 of failures</source>
        <translation>Pausiert: %1 lang nur Fehlschläge</translation>
    </message>
    <message>
        <source>Webhook %1 (%2): %3.</source>
        <translation>Webhook %1 (%2) – %3.</translation>
    </message>
</context>
<context>
    <name>WebhookTableModel</name>
    <message>
        <source>%1
Retry policy: %2</source>
        <translation>%1
Wiederholungsregel: %2</translation>
    </message>
    <message>
        <source>Delivered %1 of the last %2 attempted deliveries</source>
        <translation>%1 der letzten %2 versuchten Zustellungen zugestellt</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>No deliveries</source>
        <translation>Keine Zustellungen</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Delivery URL</source>
        <translation>Zustell-URL</translation>
    </message>
    <message>
        <source>Event types</source>
        <translation>Ereignistypen</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Letztes Ergebnis</translation>
    </message>
    <message>
        <source>Delivered (last 50)</source>
        <translation>Zugestellt
(letzte 50)</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>Nächste
Wiederholung</translation>
    </message>
    <message>
        <source>Header: %1: %2</source>
        <translation>Header: %1: %2</translation>
    </message>
    <message>
        <source>TLS: trusts a self-signed certificate</source>
        <translation>TLS: vertraut einem selbstsignierten Zertifikat</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Paused (auto)</source>
        <translation>Pausiert (auto)</translation>
    </message>
</context>
</TS>
