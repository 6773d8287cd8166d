<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AutoPauseBanner</name>
    <message numerus="yes">
        <source>%n webhook(s) paused by auto-disable; their new deliveries are held.</source>
        <translation>
            <numerusform>%n webhook paused by auto-disable; its new deliveries are held.</numerusform>
            <numerusform>%n webhooks paused by auto-disable; their new deliveries are held.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeliveryText</name>
    <message numerus="yes">
        <source>binary, %n bytes</source>
        <translation>
            <numerusform>binary, %n byte</numerusform>
            <numerusform>binary, %n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[first %n bytes shown]</source>
        <translation>
            <numerusform>[first byte shown]</numerusform>
            <numerusform>[first %n bytes shown]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n millisecond(s)</source>
        <translation>
            <numerusform>%n millisecond</numerusform>
            <numerusform>%n milliseconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation>
            <numerusform>%n delivery</numerusform>
            <numerusform>%n deliveries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>≈ %n delivery(s)</source>
        <translation>
            <numerusform>≈ %n delivery</numerusform>
            <numerusform>≈ %n deliveries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n deliveries failed for good.</source>
        <translation>
            <numerusform>%n delivery failed for good.</numerusform>
            <numerusform>%n deliveries failed for good.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delivering: %n in flight</source>
        <translation>
            <numerusform>Delivering: %n in flight</numerusform>
            <numerusform>Delivering: %n in flight</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n delivery(s))</source>
        <translation>
            <numerusform>%1 (%n delivery)</numerusform>
            <numerusform>%1 (%n deliveries)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leases: %n worker(s)</source>
        <translation>
            <numerusform>Leases: %n worker</numerusform>
            <numerusform>Leases: %n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Any pending deliveries or logs of past deliveries will be permanently lost (%n pending now). To suspend deliveries and keep them, deactivate the webhook instead.</source>
        <translation>
            <numerusform>Any pending deliveries or logs of past deliveries will be permanently lost (%n pending now). To suspend deliveries and keep them, deactivate the webhook instead.</numerusform>
            <numerusform>Any pending deliveries or logs of past deliveries will be permanently lost (%n pending now). To suspend deliveries and keep them, deactivate the webhook instead.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete every delivery that finished more than %n day(s) ago, with its attempts?</source>
        <translation>
            <numerusform>Delete every delivery that finished more than %n day ago, with its attempts?</numerusform>
            <numerusform>Delete every delivery that finished more than %n days ago, with its attempts?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceiverTestsMenu</name>
    <message numerus="yes">
        <source>Send %n &amp;Duplicates at Once</source>
        <translation>
            <numerusform>Send %n &amp;Duplicate at Once</numerusform>
            <numerusform>Send %n &amp;Duplicates at Once</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Creates %n test events for the selected webhook and sends them newest first.</source>
        <translation>
            <numerusform>Creates %n test event for the selected webhook and sends it.</numerusform>
            <numerusform>Creates %n test events for the selected webhook and sends them newest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message numerus="yes">
        <source>%n failed delivery(s) will be sent again.</source>
        <translation>
            <numerusform>%n failed delivery will be sent again.</numerusform>
            <numerusform>%n failed deliveries will be sent again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n:</source>
        <translation>
            <numerusform>The first %n:</numerusform>
            <numerusform>The first %n:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetryScheduleModel</name>
    <message numerus="yes">
        <source>%n more: %1…</source>
        <translation>
            <numerusform>%n more: %1…</numerusform>
            <numerusform>%n more: %1…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoreService</name>
    <message numerus="yes">
        <source>Queued %n delivery(s) again with a new 24-hour window.</source>
        <translation>
            <numerusform>Queued %n delivery again with a new 24-hour window.</numerusform>
            <numerusform>Queued %n deliveries again with a new 24-hour window.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n delivery(s) again.</source>
        <translation>
            <numerusform>Queued %n delivery again.</numerusform>
            <numerusform>Queued %n deliveries again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n delivery(s) now.</source>
        <translation>
            <numerusform>Sending %n delivery now.</numerusform>
            <numerusform>Sending %n deliveries now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s) due now; a worker will send them.</source>
        <translation>
            <numerusform>%n delivery due now; a worker will send them.</numerusform>
            <numerusform>%n deliveries due now; a worker will send them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed delivery(s) of webhook %1 again.</source>
        <translation>
            <numerusform>Queued %n failed delivery of webhook %1 again.</numerusform>
            <numerusform>Queued %n failed deliveries of webhook %1 again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pruned %n finished delivery(s).</source>
        <translation>
            <numerusform>Pruned %n finished delivery.</numerusform>
            <numerusform>Pruned %n finished deliveries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recovery stopped after %n delivery(s): %1</source>
        <translation>
            <numerusform>Recovery stopped after %n delivery: %1</numerusform>
            <numerusform>Recovery stopped after %n deliveries: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed delivery(s) again.</source>
        <translation>
            <numerusform>Queued %n failed delivery again.</numerusform>
            <numerusform>Queued %n failed deliveries again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-queued %n stuck delivery(s).</source>
        <translation>
            <numerusform>Re-queued %n stuck delivery.</numerusform>
            <numerusform>Re-queued %n stuck deliveries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n delivery(s) to %1.</source>
        <translation>
            <numerusform>Exported %n delivery to %1.</numerusform>
            <numerusform>Exported %n deliveries to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n attempt(s) of delivery %1 to %2.</source>
        <translation>
            <numerusform>Exported %n attempt of delivery %1 to %2.</numerusform>
            <numerusform>Exported %n attempts of delivery %1 to %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Receiver test: %n request(s) sent, %1 answered with a 2xx.</source>
        <translation>
            <numerusform>Receiver test: %n request sent, %1 answered with a 2xx.</numerusform>
            <numerusform>Receiver test: %n requests sent, %1 answered with a 2xx.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StuckDialog</name>
    <message numerus="yes">
        <source>No stuck deliveries. %n being attempted now.</source>
        <translation>
            <numerusform>No stuck deliveries. %n being attempted now.</numerusform>
            <numerusform>No stuck deliveries. %n being attempted now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running past their lease</source>
        <translation>
            <numerusform>%n running past their lease</numerusform>
            <numerusform>%n running past their lease</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due for over a minute and not picked up.</source>
        <translation type="vanished">
            <numerusform>%n due for over a minute and not picked up.</numerusform>
            <numerusform>%n due for over a minute and not picked up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due for over a minute and not picked up</source>
        <translation>
            <numerusform>%n due for over a minute and not picked up</numerusform>
            <numerusform>%n due for over a minute and not picked up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running a minute past their webhook&apos;s timeout, the attempt count not moving.</source>
        <translation>
            <numerusform>%n running a minute past its webhook&apos;s timeout, the attempt count not moving.</numerusform>
            <numerusform>%n running a minute past their webhook&apos;s timeout, the attempt count not moving.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryChart</name>
    <message numerus="yes">
        <source>attempts per %n hour(s)</source>
        <translation>
            <numerusform>attempts per hour</numerusform>
            <numerusform>attempts per %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation>
            <numerusform>%n delivery</numerusform>
            <numerusform>%n deliveries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TestEventDialog</name>
    <message numerus="yes">
        <source>Valid JSON, %n byte(s).</source>
        <translation>
            <numerusform>Valid JSON, %n byte.</numerusform>
            <numerusform>Valid JSON, %n bytes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebhookNotices</name>
    <message numerus="yes">
        <source>%n webhook(s) started failing.</source>
        <translation>
            <numerusform>%n webhook started failing.</numerusform>
            <numerusform>%n webhooks started failing.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) deliver again.</source>
        <translation>
            <numerusform>%n webhook delivers again.</numerusform>
            <numerusform>%n webhooks deliver again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) were paused after failing too long.</source>
        <translation>
            <numerusform>%n webhook was paused after failing too long.</numerusform>
            <numerusform>%n webhooks were paused after failing too long.</numerusform>
        </translation>
    </message>
</context>
</TS>
