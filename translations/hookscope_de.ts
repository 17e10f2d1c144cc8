<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Hookscope::AlertBanner</name>
    <message>
        <location filename="../ui/alerts/alertbanner.cpp" line="37"/>
        <source>&amp;Show event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertbanner.cpp" line="40"/>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertbanner.cpp" line="54"/>
        <source>Show the event of this alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertbanner.cpp" line="57"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertbanner.cpp" line="58"/>
        <source>Dismiss alert</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::AlertNotifier</name>
    <message>
        <location filename="../ui/alerts/alertnotifier.cpp" line="73"/>
        <source>Alert: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertnotifier.cpp" line="82"/>
        <source>Team %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertnotifier.cpp" line="84"/>
        <source>and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::AlertRulesDialog</name>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="37"/>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="38"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="39"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="43"/>
        <source>Alert Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="46"/>
        <source>An alert rule is a saved filter: when a new event matches it, Hookscope shows a notification (at most one per rule every 10 seconds; the rest are counted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="51"/>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="51"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="51"/>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="51"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="52"/>
        <source>Alert rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="66"/>
        <source>No alert rules yet.
Add one, for example a rule with the filter
ticket:priority:changed payload.ticket.priorityName=Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="74"/>
        <source>Add alert rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="75"/>
        <source>Remove alert rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="84"/>
        <source>Rule name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="85"/>
        <source>Urgent tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="86"/>
        <source>Rule filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="88"/>
        <source>The filter bar&apos;s language: event types (ticket:*), fields (team:, source:, status:), payload paths (payload.ticket.priorityName=Urgent), words, OR, -negation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="90"/>
        <source>Rule enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="97"/>
        <source>Filter error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="100"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="101"/>
        <source>&amp;Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="142"/>
        <source>New rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="192"/>
        <source>Needs a filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="195"/>
        <source>Column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="204"/>
        <source>Rule “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="229"/>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="229"/>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="235"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/alerts/alertrulesdialog.cpp" line="235"/>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ApiKeyPage</name>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="24"/>
        <source>&amp;Test key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="25"/>
        <source>Remember the key in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="29"/>
        <source>Thena API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="30"/>
        <source>Hookscope talks to Thena&apos;s API with your organisation&apos;s API key. It is kept in memory and, if you agree, in the system keychain — never in a settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="33"/>
        <source>Create or copy a key in the Thena dashboard under &lt;a href=&quot;https://dashboard.thena.ai/settings/security&quot;&gt;Settings → Security → API keys&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="40"/>
        <source>Paste the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="41"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="44"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="45"/>
        <source>Show or hide the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="82"/>
        <source>Using the key saved in the keychain. Test it or go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="114"/>
        <source>Testing the key by listing your teams…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/apikeypage.cpp" line="131"/>
        <source>Key accepted: %n team(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="134"/>
        <source>Saved in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="141"/>
        <source>Key rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="145"/>
        <source>Could not verify the key: %1
You can go on and enter team IDs by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::AppsDialog</name>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="32"/>
        <source>Thena apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="34"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="34"/>
        <source>App ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="34"/>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="34"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="40"/>
        <source>Apps created from Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="43"/>
        <source>The server&apos;s answer to the last action appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="46"/>
        <source>Install…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="47"/>
        <source>Reinstall…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="48"/>
        <source>Uninstall…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="90"/>
        <source>No apps yet: run Tools → Set up Thena webhooks… to create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="104"/>
        <source>Team IDs or dashboard URLs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="110"/>
        <source>Enter at least one team ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="111"/>
        <source>“%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="116"/>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="146"/>
        <source>Uninstalled from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="147"/>
        <source>Installed on %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::CreatePage</name>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="38"/>
        <source>&amp;Create app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="39"/>
        <source>Cancel request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="40"/>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="45"/>
        <source>Create the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="46"/>
        <source>Hookscope sends the manifest to Thena&apos;s apps API. The equivalent curl command is one click away (with the key redacted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="56"/>
        <source>The server&apos;s answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="57"/>
        <source>Server response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="80"/>
        <source>&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;App&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1 (&lt;code&gt;%2&lt;/code&gt;), private&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Delivers to&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Events&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Teams&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5 (installed on the next page)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="87"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="90"/>
        <source>Already created: app ID &lt;b&gt;%1&lt;/b&gt;. Go back to change the manifest and create another, or continue to install it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="93"/>
        <source>Create again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="110"/>
        <source>curl command copied (the API key is redacted: set it with -H &apos;x-api-key: …&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="120"/>
        <source>Creating the app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="147"/>
        <source>Go back to the manifest, fix what the server names and create again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="165"/>
        <source>Created. App ID: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="167"/>
        <source>&lt;br&gt;Client ID: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="174"/>
        <source>The client secret is stored in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::DonePage</name>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="21"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="25"/>
        <source>Send a local &amp;test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/donepage.cpp" line="36"/>
        <source>&lt;p&gt;Thena now delivers the events of %n team(s) to&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="39"/>
        <source>&lt;p&gt;The receiver is listening on %1. Events appear in the main window&apos;s table as they arrive; select one to inspect its payload.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="42"/>
        <source>&lt;p&gt;&lt;span style=&apos;color:#d62728&apos;&gt;The receiver is not running.&lt;/span&gt; Start it from Receiver → Restart receiver.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="45"/>
        <source>&lt;p&gt;Keep the tunnel or relay to this computer running while you watch events.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="46"/>
        <source>&lt;p&gt;Manage the app later under Tools → Thena apps.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::EndpointPage</name>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="27"/>
        <source>This computer&apos;s receiver (for testing on this machine only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="28"/>
        <source>A public URL that forwards to this computer (tunnel, relay channel, reverse proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="31"/>
        <source>Append the receiver&apos;s secret token (/hooks/&lt;token&gt;): the forwarder passes the path through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="32"/>
        <source>A relay channel (Thena posts to the relay, Hookscope reads from it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="34"/>
        <source>Create channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="35"/>
        <source>Detect ngrok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="41"/>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="42"/>
        <source>Thena&apos;s cloud delivers events to this URL. It is written into the app&apos;s manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="47"/>
        <source>Relay server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="48"/>
        <source>smee.io, or your own hookscope-relay (keeps raw bodies, buffers while you are offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="58"/>
        <source>https://your-tunnel.example.com   (ngrok, cloudflared, a Hookscope relay channel…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="59"/>
        <source>Public URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="64"/>
        <source>Examples: &lt;code&gt;ngrok http 8787&lt;/code&gt; or &lt;code&gt;cloudflared tunnel --url http://127.0.0.1:8787&lt;/code&gt; print a public https address; paste it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="88"/>
        <source>Relay server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="126"/>
        <source>(the receiver is not running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="147"/>
        <source>Creating a channel on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="158"/>
        <source>Channel created. Hookscope reads it from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="162"/>
        <source> Receiving now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="201"/>
        <source>Enter an http(s) URL such as https://example.ngrok.app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="203"/>
        <source>Thena will deliver to:&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="207"/>
        <source>Create a channel first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="209"/>
        <source>smee.io keeps nothing while Hookscope is not connected and re-serialises bodies; a hookscope-relay of your own buffers events and keeps raw bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="212"/>
        <source>127.0.0.1 is this computer: Thena&apos;s cloud cannot reach it. Use this only to try the manifest; for real events choose a public URL that forwards to the receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="215"/>
        <source>The receiver has no secret token, so anyone who learns the URL can post to it. Start Hookscope with --secret TOKEN (or $HOOKSCOPE_SECRET) to require one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="218"/>
        <source>The URL is not https: events would cross the internet unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::EventPicker</name>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="27"/>
        <source>Add object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="30"/>
        <source>Subscribed events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="42"/>
        <source>%1  (every %2 event, including future ones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="48"/>
        <source>custom object name, e.g. deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="49"/>
        <source>Custom object name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="61"/>
        <source>Custom objects:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="92"/>
        <source>Use letters, digits, &apos;_&apos; or &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="99"/>
        <source>Custom object “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="106"/>
        <source>%1  (every event of this object)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="155"/>
        <source>Other (from the JSON)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::EventStore</name>
    <message>
        <location filename="../core/store/eventstore.cpp" line="157"/>
        <source>Cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="162"/>
        <source>No event database at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="175"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="215"/>
        <source>The event database %1 is damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="223"/>
        <source>Cannot read the schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="229"/>
        <source>The event database %1 was written by a newer Hookscope (schema %2; this version understands up to %3). It was left untouched: upgrade Hookscope or choose another --data-dir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="239"/>
        <source>%1 is not a Hookscope event database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="243"/>
        <source>The event database uses an older schema (%1): open it once with `hookscope listen` or the app to upgrade it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="280"/>
        <source>The event database %1 is damaged (%2) and could not be moved aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="285"/>
        <source>The event database was damaged (%1). It was moved to %2 and a new one was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="305"/>
        <source>Cannot start the schema upgrade: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="311"/>
        <source>Schema upgrade to version %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="363"/>
        <source>Schema upgrade to version 2 failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="377"/>
        <source>Schema upgrade to version 2 failed on event %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="467"/>
        <source>Cannot save the note or pin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="513"/>
        <source>Database error: %1 (in: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="571"/>
        <source>The event store is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="571"/>
        <source>The event store is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/store/eventstore.cpp" line="667"/>
        <source>Could not store %n event(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Hookscope::EventTableModel</name>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="155"/>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="203"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="204"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="205"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="206"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="207"/>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="208"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="209"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="210"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="211"/>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="212"/>
        <source>Event ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="213"/>
        <source>Occurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="214"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="215"/>
        <source>★</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ExportDialog</name>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="40"/>
        <source>Start with a UTF-8 byte order mark (helps Excel open non-ASCII text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="43"/>
        <location filename="../ui/export/exportdialog.cpp" line="139"/>
        <source>Export events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="44"/>
        <source>CSV (RFC 4180)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="45"/>
        <source>JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="46"/>
        <source>HAR 1.2 (browser devtools, HTTP Toolkit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="54"/>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="55"/>
        <source>More columns as JSON paths, comma-separated: payload.ticket.priorityName, payload.ticket.tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="56"/>
        <source>JSON path columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export/exportdialog.cpp" line="60"/>
        <source>All %n stored event(s) will be exported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export/exportdialog.cpp" line="61"/>
        <source>The %n event(s) matching &lt;code&gt;%1&lt;/code&gt; will be exported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="67"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="68"/>
        <source>Columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="69"/>
        <source>JSON paths:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="73"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="131"/>
        <source>Choose at least one column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="140"/>
        <source>HAR files (*.har)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="141"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="142"/>
        <source>JSON Lines (*.jsonl *.ndjson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="203"/>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="212"/>
        <source>Exporting events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="212"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export/exportdialog.cpp" line="238"/>
        <source>%n event(s) exported to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Hookscope::FilterBar</name>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="35"/>
        <source>Filter: ticket:*   team:T123NHFDRF   payload.ticket.priorityName=Urgent   -status:repeat   refund   (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="37"/>
        <source>Event filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="40"/>
        <source>Filter syntax help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="41"/>
        <source>&lt;b&gt;Filter syntax&lt;/b&gt;&lt;br&gt;&lt;code&gt;ticket:*&lt;/code&gt; event type glob (&lt;code&gt;*&lt;/code&gt; any run, &lt;code&gt;?&lt;/code&gt; one character)&lt;br&gt;&lt;code&gt;team:T123*&lt;/code&gt; &lt;code&gt;source:relay&lt;/code&gt; &lt;code&gt;status:invalid&lt;/code&gt; &lt;code&gt;actor:sam*&lt;/code&gt;&lt;br&gt;&lt;code&gt;payload.ticket.priorityName=Urgent&lt;/code&gt; also &lt;code&gt;!=&lt;/code&gt; &lt;code&gt;~&lt;/code&gt; (contains) &lt;code&gt;&amp;gt;&lt;/code&gt; &lt;code&gt;&amp;lt;&lt;/code&gt;&lt;br&gt;&lt;code&gt;since:15m&lt;/code&gt; &lt;code&gt;since:2026-11-20&lt;/code&gt; &lt;code&gt;until:…&lt;/code&gt;&lt;br&gt;bare words search the summary and the payload; &lt;code&gt;&quot;two words&quot;&lt;/code&gt;&lt;br&gt;terms are ANDed; &lt;code&gt;OR&lt;/code&gt; between terms; &lt;code&gt;-term&lt;/code&gt; negates; &lt;code&gt;( )&lt;/code&gt; group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="143"/>
        <source>Column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::InspectorWidget</name>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="86"/>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="88"/>
        <source>Find in payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="104"/>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="120"/>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="104"/>
        <source>Copy the selected value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="105"/>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="105"/>
        <source>Copy the JSON path of the selected value (usable in filters and export columns)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="106"/>
        <source>Copy payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="106"/>
        <source>Copy the whole body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="115"/>
        <source>Payload tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="121"/>
        <source>Copy JSON path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="122"/>
        <source>Copy whole payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="137"/>
        <source>Raw body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="140"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="140"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="146"/>
        <source>Headers and metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="148"/>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="149"/>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="150"/>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="306"/>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="158"/>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="223"/>
        <source>Select an event to inspect its payload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="195"/>
        <source>(empty body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="197"/>
        <source>(body of %1 bytes: too large to show; export it or copy the payload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="228"/>
        <source>Event %1 is no longer stored (removed by retention or cleared).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="262"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="263"/>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="264"/>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="265"/>
        <source>Remote address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="266"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="267"/>
        <source>Occurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="268"/>
        <source>Event ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="269"/>
        <source>Org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="270"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="271"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="272"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="272"/>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="273"/>
        <source>Store id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="292"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="298"/>
        <source>Forwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/inspector/inspectorwidget.cpp" line="298"/>
        <source>%n attempt(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="301"/>
        <source>%1 in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="301"/>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="306"/>
        <source>%1 received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="328"/>
        <source>no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/inspector/inspectorwidget.cpp" line="328"/>
        <source>%n match(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Hookscope::InstallPage</name>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="28"/>
        <source>Reinstall (the app is already installed on these teams)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="29"/>
        <source>&amp;Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="30"/>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="35"/>
        <source>Install on teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="36"/>
        <source>Installing the app on a team starts the deliveries of that team&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="39"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="39"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="43"/>
        <source>Installation result per team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="48"/>
        <source>The server&apos;s answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/installpage.cpp" line="68"/>
        <source>App &lt;b&gt;%1&lt;/b&gt; (%2) on %n team(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="81"/>
        <source>installed earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="81"/>
        <source>not installed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="100"/>
        <source>curl command copied (the API key is redacted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="108"/>
        <source>Reinstalling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="108"/>
        <source>Installing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="127"/>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="137"/>
        <source>installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="137"/>
        <source>not confirmed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="146"/>
        <source>Installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="148"/>
        <source> The app acts as bot &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="150"/>
        <source>, installed by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::JsonEditor</name>
    <message>
        <location filename="../wizard/jsoneditor.cpp" line="45"/>
        <source>Manifest JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::JsonTreeModel</name>
    <message>
        <location filename="../ui/inspector/jsontreemodel.cpp" line="191"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/jsontreemodel.cpp" line="192"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/inspector/jsontreemodel.cpp" line="193"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="66"/>
        <source>Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="88"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="139"/>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="150"/>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="150"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="213"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="214"/>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>Export &amp;JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>Export &amp;HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="219"/>
        <source>&amp;Import events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <source>C&amp;lear history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="223"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="226"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="227"/>
        <source>&amp;Filter events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="229"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="231"/>
        <source>Copy &amp;payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="234"/>
        <source>&amp;Pin / unpin event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="235"/>
        <source>Edit &amp;note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="237"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="238"/>
        <source>&amp;Follow newest events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="243"/>
        <source>Show &amp;inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="248"/>
        <source>&amp;Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="250"/>
        <source>&amp;Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="251"/>
        <source>&amp;Copy webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252"/>
        <source>Send a &amp;test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="253"/>
        <source>&amp;Restart receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="255"/>
        <source>Receive from a relay &amp;channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="256"/>
        <source>&amp;Forward events to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="257"/>
        <source>Re&amp;play selected events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="258"/>
        <source>Copy selected event as c&amp;url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="260"/>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="261"/>
        <source>&amp;Set up Thena webhooks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="263"/>
        <source>Thena &amp;apps…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="265"/>
        <source>A&amp;lert rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="267"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="268"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="269"/>
        <source>Open &amp;demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="270"/>
        <source>&amp;About Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="271"/>
        <source>About Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="272"/>
        <source>&lt;h3&gt;Hookscope %1&lt;/h3&gt;&lt;p&gt;Watch live Thena webhook events: receive, store, filter, inspect and export.&lt;/p&gt;&lt;p&gt;Events are stored in&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="285"/>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="286"/>
        <source>Copy the webhook URL (with its secret token) to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="287"/>
        <source>Copy webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="301"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="303"/>
        <source>Reconnect to the relay now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="318"/>
        <source>%1 events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="322"/>
        <source>0 events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="328"/>
        <source>No receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="332"/>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="334"/>
        <source>(reachable from the network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="341"/>
        <source>Receiver stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="341"/>
        <source>Receiver not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="352"/>
        <source>%n refused</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="353"/>
        <source>Last: %1 from %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="370"/>
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="370"/>
        <source>%1 of %2 events shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="396"/>
        <location filename="../ui/mainwindow.cpp" line="420"/>
        <source>Import events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="397"/>
        <source>Hookscope exports (*.jsonl *.ndjson *.har);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="401"/>
        <source>Importing events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="401"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="431"/>
        <source>Export finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="438"/>
        <location filename="../ui/mainwindow.cpp" line="442"/>
        <source>Clear history</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="439"/>
        <source>Delete all %n stored event(s)? This cannot be undone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="475"/>
        <source>Note on event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="475"/>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="478"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="486"/>
        <source>Pin / unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="487"/>
        <source>Edit note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="489"/>
        <source>Copy payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="490"/>
        <source>Copy as curl…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="492"/>
        <source>Replay to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="493"/>
        <source>Replay to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="494"/>
        <source>Filter by this type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="504"/>
        <source>Webhook URL copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="526"/>
        <source>Test event delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="527"/>
        <source>Test event failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="572"/>
        <location filename="../ui/mainwindow.cpp" line="578"/>
        <source>Relay channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="573"/>
        <source>Channel read URL (a smee.io channel, or hookscope-relay&apos;s /&lt;channel&gt;?token=…):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="590"/>
        <source>Forwarding event %1 to %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="603"/>
        <source>→ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="603"/>
        <source>→ off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="605"/>
        <source>: %1 ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="605"/>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="614"/>
        <location filename="../ui/mainwindow.cpp" line="621"/>
        <source>Forward events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="615"/>
        <source>Forward every new event to this URL (empty to stop), e.g. http://localhost:3000/webhooks/thena:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="621"/>
        <source>“%1” is not an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="638"/>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="638"/>
        <source>Send the %n selected event(s) to:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="659"/>
        <source>curl command copied (sends to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="682"/>
        <source>Alert rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="708"/>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ManifestPage</name>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="38"/>
        <source>App manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="39"/>
        <source>Describe the private app that will deliver events. The form and the JSON stay in sync; visibility is always private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="45"/>
        <source>App name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="45"/>
        <source>Hookscope monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="46"/>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="46"/>
        <source>hookscope-monitor-acme (unique in your organisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="47"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="47"/>
        <source>What the app is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="48"/>
        <source>Developer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="48"/>
        <source>Your company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="49"/>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="50"/>
        <source>Support email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="51"/>
        <source>Privacy policy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="52"/>
        <source>Terms URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="53"/>
        <source>Events webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="53"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="54"/>
        <source>from the Endpoint page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="54"/>
        <source>Installations webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="62"/>
        <source>Check the events to subscribe to. Nothing checked means every event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="68"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="69"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="71"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="72"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="73"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="78"/>
        <source>Manifest JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="217"/>
        <source>JSON error at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="222"/>
        <source>Fix the JSON to continue; the form is paused meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="287"/>
        <source>Subscribed to every event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/manifestpage.cpp" line="288"/>
        <source>Subscribed to %n event type(s) or pattern(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="315"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="320"/>
        <source>Import manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="315"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="320"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="336"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="341"/>
        <source>Export manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="336"/>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="341"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::NgrokDetector</name>
    <message>
        <location filename="../core/relay/ngrokdetector.cpp" line="116"/>
        <source>No ngrok agent answers at %1 (%2). Start one with `ngrok http %3`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/ngrokdetector.cpp" line="121"/>
        <source>%1 answered HTTP %2: is this an ngrok agent?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/ngrokdetector.cpp" line="135"/>
        <source>The ngrok agent runs but has no tunnels. Start one with `ngrok http %1`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/ngrokdetector.cpp" line="136"/>
        <source>No ngrok http(s) tunnel points at port %1 (tunnels: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/ngrokdetector.cpp" line="149"/>
        <source>The answer is not ngrok&apos;s tunnel list (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::Receiver</name>
    <message>
        <location filename="../core/receiver/receiver.cpp" line="86"/>
        <source>Port %1 on %2 is already in use: another Hookscope or another program is listening there. Choose another port (--port, or Settings → Receiver).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/receiver/receiver.cpp" line="91"/>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::RelayClient</name>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="110"/>
        <source>A channel URL is an http(s) URL, e.g. https://smee.io/AbC123 or https://relay.example.com/AbC123?token=…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="116"/>
        <source>The channel URL names no channel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="120"/>
        <source>No event store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="202"/>
        <source>relay: not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="203"/>
        <source>relay: connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="204"/>
        <source>relay: connected to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="206"/>
        <source>relay: reconnecting in %1 s — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="207"/>
        <source>relay: error — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="331"/>
        <source>cannot reach the relay: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="373"/>
        <source>the relay did not answer with an event stream (Content-Type %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="399"/>
        <location filename="../core/relay/relayclient.cpp" line="470"/>
        <source>A relay delivery could not be read (%1); it was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/relay/relayclient.cpp" line="408"/>
        <location filename="../core/relay/relayclient.cpp" line="478"/>
        <source>The relay dropped %n event(s) of this channel before they could be delivered (its buffer was full)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="424"/>
        <source>the relay refused the channel (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="428"/>
        <source>the relay answered HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="431"/>
        <source>the relay closed the stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="482"/>
        <source>Some events of this channel were dropped by the relay (its buffer was full) before this client could receive them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="490"/>
        <source>the relay refused the channel (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="503"/>
        <source>the relay closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="503"/>
        <source>the relay closed the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="516"/>
        <source>the relay refused the channel token (HTTP 401)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="517"/>
        <source>the relay refused the channel (HTTP %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="589"/>
        <source>no data from the relay for %1 s: the connection is dead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="603"/>
        <source>the computer was asleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="611"/>
        <source>the event store is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="660"/>
        <source>could not store a relay delivery: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="765"/>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="767"/>
        <source>%1 answered HTTP %2 without a channel (Location)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::RelayServer</name>
    <message>
        <location filename="../core/relay/relayserver.cpp" line="401"/>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::RelayStore</name>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="88"/>
        <source>Cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="97"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="106"/>
        <source>%1 is not a relay database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="113"/>
        <source>%1 was written by a newer hookscope-relay (schema %2, this one knows %3); it was left untouched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="203"/>
        <source>Database error: %1 (in: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="365"/>
        <source>The relay store is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="370"/>
        <source>No such channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/relay/relaystore.cpp" line="451"/>
        <source>Could not store %n delivery(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Hookscope::SavedFiltersPanel</name>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="28"/>
        <source>Save current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="29"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="31"/>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="32"/>
        <source>Click a saved filter to apply it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="101"/>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="130"/>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="131"/>
        <source>Urgent tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="132"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/savedfilterspanel.cpp" line="133"/>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="70"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="72"/>
        <source>Settings pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="76"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="168"/>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="77"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="214"/>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="78"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="237"/>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="79"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="260"/>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="101"/>
        <source>Restore default settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="123"/>
        <source>Any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="124"/>
        <source>Receiver port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="128"/>
        <source>Bind address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="129"/>
        <source>127.0.0.1 and ::1 accept deliveries from this computer only (use a tunnel for Thena); 0.0.0.0 and :: accept them from the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="136"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="137"/>
        <source>Allow deliveries from other computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="141"/>
        <source>None: every request is accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="142"/>
        <source>Secret token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="143"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="181"/>
        <source>Sho&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="145"/>
        <source>Show secret token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="146"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="147"/>
        <source>Generate a secret token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="154"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="155"/>
        <source>&amp;Bind address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="158"/>
        <source>&amp;Secret token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="162"/>
        <source>Deliveries must then carry it (/hooks/&lt;token&gt;, ?token= or an Authorization header). It is kept in the system keychain, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="170"/>
        <source>The receiver restarts with these settings when you press OK. Options given on the command line (--port, --bind, --secret) take precedence for that session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="181"/>
        <source>Hi&amp;de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="192"/>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="193"/>
        <source>Largest accepted body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="196"/>
        <source> KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="197"/>
        <source>Largest accepted headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="200"/>
        <source>Simultaneous connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="203"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="204"/>
        <source>Idle connection timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="207"/>
        <source>Largest &amp;body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="208"/>
        <source>Largest &amp;headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="209"/>
        <source>Simultaneous &amp;connections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="210"/>
        <source>Close &amp;idle connections after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="216"/>
        <source>Larger bodies are refused with 413 and larger headers with 431 before anything is buffered; Thena then retries. Connections beyond the limit are closed at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="230"/>
        <source> events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="231"/>
        <source>Events to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="234"/>
        <source>&amp;Keep the newest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="239"/>
        <source>When the store holds more, the oldest events are deleted after each commit. File → Clear history deletes everything at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="249"/>
        <source>Follow the &amp;system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="250"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="251"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="261"/>
        <source>Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="265"/>
        <source>Event colours in the table are translucent tints and read well in both themes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="315"/>
        <source>“%1” is not an IP address (for example 127.0.0.1 or 0.0.0.0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="317"/>
        <source>Confirm that deliveries from other computers are allowed, or bind to 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="357"/>
        <source>Reachable from the network: anyone who can reach this computer on port %1 can post events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="358"/>
        <source>(any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="360"/>
        <source>Set a secret token below so that only Thena can.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::SetupWizard</name>
    <message>
        <location filename="../wizard/setupwizard.cpp" line="28"/>
        <source>Set up Thena webhooks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ShortcutsDialog</name>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="73"/>
        <source>Show &amp;actions without a shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="79"/>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="82"/>
        <source>Search actions or keys, e.g. export or Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="84"/>
        <source>Search shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="85"/>
        <source>Show actions without a shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="94"/>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="103"/>
        <source>No action matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="149"/>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="166"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="166"/>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="188"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shortcuts/shortcutsdialog.cpp" line="189"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::SparklineWidget</name>
    <message>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="52"/>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="132"/>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="197"/>
        <source>Events per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="134"/>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="201"/>
        <source>%1 in %2 min · peak %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="159"/>
        <source>%1–%2 · events: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="209"/>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="217"/>
        <source>No events in the last %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sparkline/sparklinewidget.cpp" line="413"/>
        <source>%1 events in the last %2 minutes; at most %3 in one minute</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::TeamsPage</name>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="24"/>
        <location filename="../wizard/pages/teamspage.cpp" line="26"/>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="25"/>
        <source>Choose the teams whose events Hookscope should receive. The app is installed on each of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="29"/>
        <source>T123NHFDRF, T456QWERTY
https://dashboard.thena.ai/dashboard/T123NHFDRF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="30"/>
        <source>Team IDs or dashboard URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="35"/>
        <source>Or paste team IDs or dashboard URLs (the ID is the last part of a team&apos;s dashboard address), separated by commas, spaces or lines:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="62"/>
        <source>  (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="73"/>
        <source>Hookscope could not list your teams, so enter their IDs below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="74"/>
        <source>Teams your API key can see:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::TrayIcon</name>
    <message>
        <location filename="../ui/tray/trayicon.cpp" line="27"/>
        <source>&amp;Show Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/tray/trayicon.cpp" line="29"/>
        <source>&amp;Follow newest events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/tray/trayicon.cpp" line="33"/>
        <source>&amp;Mute alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/tray/trayicon.cpp" line="37"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/tray/trayicon.cpp" line="97"/>
        <source>Hookscope — new events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/tray/trayicon.cpp" line="97"/>
        <source>Hookscope — no new events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::WelcomeDialog</name>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="27"/>
        <location filename="../ui/welcome/welcomedialog.cpp" line="33"/>
        <source>Welcome to Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="38"/>
        <source>Hookscope receives your Thena webhook events, keeps every delivery and shows it live in a table you can filter and inspect. How would you like to start?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="50"/>
        <source>Set up Thena webhooks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="51"/>
        <source>Create a private Thena app that sends your team&apos;s events here. You need a Thena API key; it is kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="53"/>
        <source>Set up Thena webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="55"/>
        <location filename="../ui/welcome/welcomedialog.cpp" line="61"/>
        <source>Just listen locally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="57"/>
        <source>Start with an empty table and point your own tools at the receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="58"/>
        <source>Start with an empty table; the receiver is listening at %1. Receiver → Send a test event (Ctrl+T) shows the whole path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="63"/>
        <location filename="../ui/welcome/welcomedialog.cpp" line="66"/>
        <source>Open demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="64"/>
        <source>Load a made-up morning of sample Thena events to explore the table, filters and inspector. They are marked “demo” and can be removed with File → Clear history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/welcome/welcomedialog.cpp" line="68"/>
        <source>All of this stays available later: Tools → Set up Thena webhooks… and Help → Open demo data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectorWidget</name>
    <message>
        <location filename="../ui/inspector/inspectorwidget.cpp" line="63"/>
        <source>… %1 more bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="71"/>
        <source>Cannot open the event store.

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
