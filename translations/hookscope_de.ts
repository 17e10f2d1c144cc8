<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Hookscope::AddExistingAppDialog</name>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="28"/>
        <source>Add existing app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="29"/>
        <source>An app made in Thena&apos;s dashboard, with the API or on another computer. Hookscope lists it so that you can install, reinstall or uninstall it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="33"/>
        <source>e.g. EGHG8R3K9HGU98JJ81W5EKQRM2X9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="34"/>
        <source>App ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="35"/>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="36"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="37"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="40"/>
        <source>App &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="41"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <source>Create or copy a key in the Thena dashboard under &lt;a href=&quot;%1&quot;&gt;Organization → Personal → Security Access&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="87"/>
        <source>Using the key saved in the keychain (not tested yet). Test it or go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="41"/>
        <source>Paste the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="42"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="45"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="46"/>
        <source>Show or hide the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="129"/>
        <source>Testing the key by listing your teams…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/apikeypage.cpp" line="146"/>
        <source>Key accepted: %n team(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="159"/>
        <source>Thena refused to list teams (%1). The key may still be able to create apps: go on and enter team IDs, or paste another key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="175"/>
        <source>Saved in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/apikeypage.cpp" line="165"/>
        <source>Could not verify the key: %1
You can go on and enter team IDs by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::AppSettingsForm</name>
    <message>
        <location filename="../wizard/appsettingsform.cpp" line="65"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsettingsform.cpp" line="65"/>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsettingsform.cpp" line="68"/>
        <source>%1 *:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsettingsform.cpp" line="68"/>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsettingsform.cpp" line="71"/>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::AppsDialog</name>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="43"/>
        <source>Client secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="47"/>
        <source>Thena apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="49"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="49"/>
        <source>App ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="49"/>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="49"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="60"/>
        <source>Apps created from Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="66"/>
        <source>The server&apos;s answer to the last action appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="124"/>
        <source>made elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="127"/>
        <source>No apps yet: run Tools → Set up Thena webhooks… to create one, or add an existing app by its ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="169"/>
        <source>Added app %1. Install it on teams with Install….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="210"/>
        <source>Install app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="211"/>
        <source>Install %1 on these teams: Thena starts delivering their events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="212"/>
        <source>Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="215"/>
        <source>Reinstall app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="216"/>
        <source>Reinstall %1 on these teams (it is installed there already).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="217"/>
        <source>Reinstall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="220"/>
        <location filename="../wizard/appsdialog.cpp" line="239"/>
        <source>Uninstall app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="221"/>
        <source>Uninstall %1 from these teams: Thena stops delivering their events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="240"/>
        <source>Uninstall app %1 from %2? Thena stops delivering these teams&apos; events to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="243"/>
        <source>Uninstall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="311"/>
        <source>%1: not confirmed by the server (see its answer below).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="40"/>
        <source>Install…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="39"/>
        <source>Add existing app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="41"/>
        <source>Reinstall…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="42"/>
        <location filename="../wizard/appsdialog.cpp" line="222"/>
        <source>Uninstall…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="269"/>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="298"/>
        <source>Uninstalled from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appsdialog.cpp" line="308"/>
        <source>Installed on %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ClientSecretBox</name>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="22"/>
        <location filename="../wizard/clientsecretbox.cpp" line="72"/>
        <location filename="../wizard/clientsecretbox.cpp" line="105"/>
        <location filename="../wizard/clientsecretbox.cpp" line="119"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="23"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="29"/>
        <source>hidden: read from the keychain when shown or copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="30"/>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="32"/>
        <source>Show the client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="33"/>
        <source>Copy the client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="43"/>
        <source>Client secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="61"/>
        <source>No keychain is available: the client secret is kept only until Hookscope closes. Copy it now and store it safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="105"/>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="116"/>
        <location filename="../wizard/clientsecretbox.cpp" line="137"/>
        <source>Not stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/clientsecretbox.cpp" line="141"/>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ClientSecretDialog</name>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="150"/>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="151"/>
        <source>App &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="152"/>
        <source>App &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::CreatePage</name>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="44"/>
        <source>&amp;Create app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="45"/>
        <source>Cancel request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="46"/>
        <source>Create another app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="47"/>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="53"/>
        <source>Use this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="58"/>
        <source>Create the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="59"/>
        <source>Hookscope sends the manifest to Thena&apos;s apps API. The equivalent curl command is one click away (with the key redacted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="74"/>
        <source>Create a second app from the manifest (asks first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="81"/>
        <source>The server&apos;s answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="82"/>
        <source>Server response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="84"/>
        <source>“Copy as curl” shows the command here and copies it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="85"/>
        <location filename="../wizard/pages/createpage.cpp" line="87"/>
        <source>curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="86"/>
        <source>Server&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="89"/>
        <source>App ID, e.g. EGHG8R3K9HGU98JJ81W5EKQRM2X9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="90"/>
        <source>Existing app ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="91"/>
        <source>Name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="92"/>
        <source>Existing app name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="94"/>
        <source>I already have an app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="99"/>
        <source>An app made in Thena&apos;s dashboard, with the API or on another computer: Hookscope installs it on the next page without creating a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="139"/>
        <source>&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;App&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1 (&lt;code&gt;%2&lt;/code&gt;), private&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Delivers to&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;br&gt;interactivity: %4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Events&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Teams&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6 (installed on the next page)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="150"/>
        <source>Already created: app ID &lt;b&gt;%1&lt;/b&gt;. Continue to install it, or use “Create another app…” for a second one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="283"/>
        <source>The client secret could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="286"/>
        <source>Thena&apos;s answer carries no client secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="312"/>
        <source>Using the existing app &lt;b&gt;%1&lt;/b&gt;. Install it on the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="147"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="197"/>
        <source>curl command copied (the API key is redacted: set it with -H &apos;x-api-key: …&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="202"/>
        <location filename="../wizard/pages/createpage.cpp" line="207"/>
        <source>Create another app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="203"/>
        <source>App %1 was created already. Creating again makes a second app in Thena (its slug must differ). Create another app?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="218"/>
        <source>Creating the app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="245"/>
        <source>Go back to the manifest, fix what the server names and create again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="267"/>
        <source>Created. App ID: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="269"/>
        <source>&lt;br&gt;Client ID: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/createpage.cpp" line="279"/>
        <source>The client secret is stored in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::DonePage</name>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="22"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="26"/>
        <source>Send a local &amp;test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="28"/>
        <source>Also receiving Thena&apos;s older request webhooks (request created / request updated)? &lt;a href=&quot;#legacy&quot;&gt;Set them up for this receiver…&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/donepage.cpp" line="52"/>
        <source>&lt;p&gt;Thena now delivers the events of %n team(s) to&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="58"/>
        <source>&lt;p&gt;The receiver is listening on %1. Events appear in the main window&apos;s table as they arrive; select one to inspect its payload.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="61"/>
        <source>&lt;p&gt;&lt;span style=&apos;color:#d62728&apos;&gt;The receiver is not running.&lt;/span&gt; Start it from Receiver → Restart receiver.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="64"/>
        <source>&lt;p&gt;Keep the tunnel or relay to this computer running while you watch events.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="65"/>
        <source>&lt;p&gt;In Thena, open the app settings and check that the app appears there (Thena&apos;s docs: after installation the webhook app appears in your app settings).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/donepage.cpp" line="67"/>
        <source>&lt;p&gt;Manage the app later under Tools → Thena apps.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::EndpointPage</name>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="40"/>
        <source>This computer&apos;s receiver (for testing on this machine only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="41"/>
        <source>A public URL that forwards to this computer (tunnel, relay channel, reverse proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="44"/>
        <source>Append the receiver&apos;s secret token (/hooks/&lt;token&gt;): the forwarder passes the path through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="45"/>
        <source>A relay channel (Thena posts to the relay, Hookscope reads from it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="47"/>
        <source>Create channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="48"/>
        <source>Detect ngrok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="56"/>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="57"/>
        <source>Thena&apos;s cloud delivers events, installation notices and interactivity requests here. The four URLs are written into the app&apos;s manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="82"/>
        <source>Where Thena will deliver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="87"/>
        <source>Using Thena&apos;s older request webhooks (Global Settings → Integrations → Webhooks)? &lt;a href=&quot;#legacy&quot;&gt;Set them up for this receiver…&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="225"/>
        <source>Asking ngrok&apos;s local agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="232"/>
        <source>Found the ngrok tunnel %1 → port %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="282"/>
        <source>Thena will deliver to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="284"/>
        <source>Create a channel to see where Thena will deliver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="286"/>
        <source>Enter an http(s) URL such as https://example.ngrok.app to see where Thena will deliver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="292"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="292"/>
        <source>Installations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="293"/>
        <source>Interactivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="293"/>
        <source>Message menu options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="63"/>
        <source>Relay server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="64"/>
        <source>smee.io, or your own hookscope-relay (keeps raw bodies, buffers while you are offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="74"/>
        <source>https://your-tunnel.example.com   (ngrok, cloudflared, a Hookscope relay channel…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="75"/>
        <source>Public URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="116"/>
        <source>Relay server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="164"/>
        <source>(the receiver is not running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="167"/>
        <source>Examples: &lt;code&gt;ngrok http %1&lt;/code&gt; or &lt;code&gt;cloudflared tunnel --url http://127.0.0.1:%1&lt;/code&gt; print a public https address; paste it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="176"/>
        <source>The channel chosen last time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="197"/>
        <source>Creating a channel on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="208"/>
        <source>Channel created. Hookscope reads it from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="212"/>
        <source> Receiving now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="296"/>
        <source>Create a channel first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="298"/>
        <source>smee.io keeps nothing while Hookscope is not connected and re-serialises bodies; a hookscope-relay of your own buffers events and keeps raw bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="301"/>
        <source>127.0.0.1 is this computer: Thena&apos;s cloud cannot reach it. Use this only to try the manifest; for real events choose a public URL that forwards to the receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="304"/>
        <source>The receiver has no secret token, so anyone who learns the URL can post to it. Start Hookscope with --secret TOKEN (or $HOOKSCOPE_SECRET) to require one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/endpointpage.cpp" line="307"/>
        <source>The URL is not https: events would cross the internet unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::EventPicker</name>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="50"/>
        <source>Add object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="54"/>
        <source>Subscribed events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="27"/>
        <source>All ticket events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="29"/>
        <source>All account events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="31"/>
        <source>All comment events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="33"/>
        <source>All user events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="35"/>
        <source>All organization events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="36"/>
        <source>All events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="51"/>
        <source>Expand to names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="60"/>
        <source>%1: checks or unchecks every name below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="67"/>
        <source>custom object name, e.g. deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="68"/>
        <source>Custom object name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="69"/>
        <source>Replace the patterns that came with the JSON (such as ticket:*) by the event names they stand for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="81"/>
        <source>Custom objects:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="151"/>
        <source>All events of custom object “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="152"/>
        <source>Custom object %1: checks or unchecks every name below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="176"/>
        <source>Use letters, digits, &apos;_&apos; or &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="275"/>
        <source>Entries of the manifest that are not documented event names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="282"/>
        <source>%1 is a pattern: Thena&apos;s manifest lists event names. Use “Expand to names”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/eventpicker.cpp" line="274"/>
        <source>Other (from the JSON)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::EventStore</name>
    <message>
        <location filename="../core/store/eventstore.cpp" line="115"/>
        <source>Cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="120"/>
        <source>No event database at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="138"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="169"/>
        <source>The event database %1 is damaged (%2). Restart Hookscope: it will move the file aside and start a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="186"/>
        <source>The event database %1 is damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="193"/>
        <source>Cannot read the event database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="198"/>
        <source>Cannot read the schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="204"/>
        <location filename="../core/store/eventstore.cpp" line="253"/>
        <location filename="../core/store/eventstore.cpp" line="257"/>
        <source>event database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="228"/>
        <source>Cannot create the event database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="232"/>
        <source>Cannot upgrade the event database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="209"/>
        <source>%1 is not a Hookscope event database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="213"/>
        <source>The event database uses an older schema (%1): open it once with `hookscope listen` or the app to upgrade it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="290"/>
        <source>Cannot save the note or pin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="325"/>
        <source>Database error: %1 (in: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="343"/>
        <source>The event store was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="387"/>
        <source>The event store is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/store/eventstore.cpp" line="387"/>
        <source>The event store is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/store/eventstore.cpp" line="472"/>
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
        <location filename="../ui/events/eventtablemodel.cpp" line="148"/>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="196"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="197"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="198"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="199"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="200"/>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="201"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="202"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="203"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="204"/>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="205"/>
        <source>Event ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="206"/>
        <source>Occurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="207"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/eventtablemodel.cpp" line="208"/>
        <source>★</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ExportDialog</name>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="38"/>
        <source>Start with a UTF-8 byte order mark (helps Excel open non-ASCII text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="41"/>
        <location filename="../ui/export/exportdialog.cpp" line="137"/>
        <source>Export events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="42"/>
        <source>CSV (RFC 4180)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="43"/>
        <source>JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="44"/>
        <source>HAR 1.2 (browser devtools, HTTP Toolkit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="52"/>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="53"/>
        <source>More columns as JSON paths, comma-separated: payload.ticket.priorityName, payload.ticket.tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="54"/>
        <source>JSON path columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export/exportdialog.cpp" line="58"/>
        <source>All %n stored event(s) will be exported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export/exportdialog.cpp" line="59"/>
        <source>The %n event(s) matching &lt;code&gt;%1&lt;/code&gt; will be exported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="65"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="66"/>
        <source>Columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="67"/>
        <source>JSON paths:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="71"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="129"/>
        <source>Choose at least one column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="138"/>
        <source>HAR files (*.har)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="139"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="140"/>
        <source>JSON Lines (*.jsonl *.ndjson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="170"/>
        <source>Exporting events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export/exportdialog.cpp" line="170"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export/exportdialog.cpp" line="196"/>
        <source>%n event(s) exported to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Hookscope::ExportJob</name>
    <message>
        <location filename="../core/export/exportjob.cpp" line="46"/>
        <source>cannot write to standard output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/export/exportjob.cpp" line="53"/>
        <location filename="../core/export/exportjob.cpp" line="123"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/export/exportjob.cpp" line="104"/>
        <source>reading the store failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/export/exportjob.cpp" line="114"/>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::FilterBar</name>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="37"/>
        <source>Filter: ticket:*   team:T123NHFDRF   payload.ticket.priorityName=Urgent   -status:repeat   refund   (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="39"/>
        <source>Event filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="42"/>
        <source>Filter syntax help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="43"/>
        <source>&lt;b&gt;Filter syntax&lt;/b&gt;&lt;br&gt;&lt;code&gt;ticket:*&lt;/code&gt; event type glob (&lt;code&gt;*&lt;/code&gt; any run, &lt;code&gt;?&lt;/code&gt; one character)&lt;br&gt;&lt;code&gt;team:T123*&lt;/code&gt; &lt;code&gt;source:relay&lt;/code&gt; &lt;code&gt;status:invalid&lt;/code&gt; &lt;code&gt;actor:sam*&lt;/code&gt;&lt;br&gt;&lt;code&gt;payload.ticket.priorityName=Urgent&lt;/code&gt; also &lt;code&gt;!=&lt;/code&gt; &lt;code&gt;~&lt;/code&gt; (contains) &lt;code&gt;&amp;gt;&lt;/code&gt; &lt;code&gt;&amp;lt;&lt;/code&gt;&lt;br&gt;&lt;code&gt;since:15m&lt;/code&gt; &lt;code&gt;since:2026-11-20&lt;/code&gt; &lt;code&gt;until:…&lt;/code&gt;&lt;br&gt;&lt;code&gt;refund&lt;/code&gt; a bare word: anywhere in the summary, type, team, actor, entity or event ID, or a word of the payload that starts with it (refund, refunded; not prefund)&lt;br&gt;&lt;code&gt;&quot;charged twice&quot;&lt;/code&gt; words in a row; in the payload the last may be cut short and punctuation only separates words&lt;br&gt;terms are ANDed; &lt;code&gt;OR&lt;/code&gt; between terms; &lt;code&gt;-term&lt;/code&gt; negates; &lt;code&gt;( )&lt;/code&gt; group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="56"/>
        <source>Filtering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="57"/>
        <source>Searching the stored payloads; the table shows the previous result until this filter&apos;s is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="58"/>
        <source>Filtering in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/events/filterbar.cpp" line="172"/>
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
        <location filename="../wizard/pages/installpage.cpp" line="31"/>
        <source>App settings (from the manifest&apos;s configuration)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="34"/>
        <source>Reinstall (the app is already installed on these teams)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="35"/>
        <source>&amp;Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="36"/>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="43"/>
        <source>Install on teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="44"/>
        <source>Installing the app on a team starts the deliveries of that team&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="47"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="47"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="51"/>
        <source>Installation result per team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="57"/>
        <source>The server&apos;s answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="58"/>
        <source>Server response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="60"/>
        <source>“Copy as curl” shows the command here and copies it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="61"/>
        <location filename="../wizard/pages/installpage.cpp" line="63"/>
        <source>curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="62"/>
        <source>Server&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/installpage.cpp" line="100"/>
        <source>App %1 on %n team(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/installpage.cpp" line="215"/>
        <source>The server confirmed %1 of %n team(s); see the answer below.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="220"/>
        <source>The app acts as bot &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="221"/>
        <source>The app acts as bot &lt;b&gt;%1&lt;/b&gt;, installed by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="224"/>
        <source>Installed by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="112"/>
        <source>installed earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="112"/>
        <source>not installed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="127"/>
        <source>Fill in the required settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="164"/>
        <source>curl command copied (the API key is redacted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="171"/>
        <source>Reinstalling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="171"/>
        <source>Installing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="194"/>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="204"/>
        <source>installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="204"/>
        <source>not confirmed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/installpage.cpp" line="214"/>
        <source>Installed.</source>
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
    <name>Hookscope::LegacyWebhooksDialog</name>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="75"/>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="79"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="78"/>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="180"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="81"/>
        <source>Send a test request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="84"/>
        <source>Legacy request webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="85"/>
        <source>Thena&apos;s older request webhooks post &lt;b&gt;request created&lt;/b&gt; and &lt;b&gt;request updated&lt;/b&gt; notices. They are set up in the Thena dashboard, not through an app. Hookscope stores them as request:created and request:updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="93"/>
        <source>Webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="94"/>
        <source>https://your-tunnel.example.com/hooks/…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="95"/>
        <source>Copy the webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="104"/>
        <source>Authorization value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="106"/>
        <source>Show the authorization value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="107"/>
        <source>Copy the authorization value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="114"/>
        <source>This is the receiver&apos;s secret token. The URL above does not carry it, so enter it here: the receiver accepts “authorization: &lt;token&gt;” (or “Bearer &lt;token&gt;”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="116"/>
        <source>The receiver has no secret token, so it accepts deliveries without one: leave the value empty. To require one, set a secret token in Edit → Settings → Receiver (it is kept in the system keychain), then open this again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="129"/>
        <source>In the Thena dashboard, open &lt;b&gt;Global Settings → Integrations&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="130"/>
        <source>Under &lt;b&gt;Webhooks&lt;/b&gt;, choose &lt;b&gt;Add Integration&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="131"/>
        <source>Input your &lt;b&gt;Thena Access Key&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="132"/>
        <source>Specify the webhook endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="138"/>
        <source>Specify a header authentication value under the header key &lt;b&gt;authorization&lt;/b&gt; (optional for Thena, needed by this receiver):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="140"/>
        <source>Optionally, specify a header authentication value under the header key &lt;b&gt;authorization&lt;/b&gt;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="147"/>
        <source>Turn on the toggles &lt;b&gt;Request created&lt;/b&gt; and &lt;b&gt;Request updated&lt;/b&gt;, and save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="152"/>
        <source>Posts a sample request:created body to this computer&apos;s receiver, with the authorization value above, and shows what it became.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="159"/>
        <source>The receiver is not running: start it from Receiver → Restart receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="169"/>
        <source>Check that the receiver takes such a request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="180"/>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="223"/>
        <source>Enter an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="225"/>
        <source>%1 is this computer: Thena&apos;s cloud cannot reach it. Paste the public URL of a tunnel or relay that forwards to the receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="264"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="279"/>
        <source>No answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="290"/>
        <source>%1 — stored as event %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="291"/>
        <source>%1 — stored as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/legacywebhooksdialog.cpp" line="298"/>
        <source>%1 — %2</source>
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
        <location filename="../ui/mainwindow.cpp" line="202"/>
        <source>Event store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="228"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="229"/>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="231"/>
        <source>Export &amp;JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="233"/>
        <source>Export &amp;HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="234"/>
        <source>&amp;Import events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="236"/>
        <source>C&amp;lear history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="238"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="241"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>&amp;Filter events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="244"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="246"/>
        <source>Copy &amp;payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="249"/>
        <source>&amp;Pin / unpin event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="250"/>
        <source>Edit &amp;note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="253"/>
        <source>&amp;Follow newest events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="258"/>
        <source>Show &amp;inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="263"/>
        <source>&amp;Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="265"/>
        <source>&amp;Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="266"/>
        <source>&amp;Copy webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="267"/>
        <source>Send a &amp;test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="268"/>
        <source>&amp;Restart receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="270"/>
        <source>Receive from a relay &amp;channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="271"/>
        <source>&amp;Forward events to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="272"/>
        <source>Re&amp;play selected events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="273"/>
        <source>Copy selected event as c&amp;url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="275"/>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="276"/>
        <source>&amp;Set up Thena webhooks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="278"/>
        <source>Thena &amp;apps…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="280"/>
        <source>A&amp;lert rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="283"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="284"/>
        <source>Open &amp;demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="285"/>
        <source>&amp;Legacy request webhooks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="286"/>
        <source>&amp;About Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="287"/>
        <source>About Hookscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="288"/>
        <source>&lt;h3&gt;Hookscope %1&lt;/h3&gt;&lt;p&gt;Watch live Thena webhook events: receive, store, filter, inspect and export.&lt;/p&gt;&lt;p&gt;Events are stored in&lt;br&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="301"/>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="302"/>
        <source>Copy the webhook URL (with its secret token) to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="303"/>
        <source>Copy webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="317"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="319"/>
        <source>Reconnect to the relay now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="334"/>
        <source>%1 events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="338"/>
        <source>0 events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="344"/>
        <source>No receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="348"/>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="350"/>
        <source>(reachable from the network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="357"/>
        <source>Receiver stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="357"/>
        <source>Receiver not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="368"/>
        <source>%n refused</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="369"/>
        <source>Last: %1 from %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="386"/>
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="386"/>
        <source>%1 of %2 events shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="412"/>
        <location filename="../ui/mainwindow.cpp" line="436"/>
        <source>Import events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="413"/>
        <source>Hookscope exports (*.jsonl *.ndjson *.har);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="417"/>
        <source>Importing events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="417"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="447"/>
        <source>Export finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="454"/>
        <location filename="../ui/mainwindow.cpp" line="458"/>
        <source>Clear history</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="455"/>
        <source>Delete all %n stored event(s)? This cannot be undone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="491"/>
        <source>Note on event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="491"/>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="494"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="502"/>
        <source>Pin / unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="503"/>
        <source>Edit note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="505"/>
        <source>Copy payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="506"/>
        <source>Copy as curl…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="508"/>
        <source>Replay to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="509"/>
        <source>Replay to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="510"/>
        <source>Filter by this type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="520"/>
        <source>Webhook URL copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="542"/>
        <source>Test event delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="543"/>
        <source>Test event failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="588"/>
        <location filename="../ui/mainwindow.cpp" line="594"/>
        <source>Relay channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="589"/>
        <source>Channel read URL (a smee.io channel, or hookscope-relay&apos;s /&lt;channel&gt;?token=…):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="606"/>
        <source>Forwarding event %1 to %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="619"/>
        <source>→ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="619"/>
        <source>→ off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="621"/>
        <source>: %1 ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="621"/>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="630"/>
        <location filename="../ui/mainwindow.cpp" line="637"/>
        <source>Forward events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="631"/>
        <source>Forward every new event to this URL (empty to stop), e.g. http://localhost:3000/webhooks/thena:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="637"/>
        <source>“%1” is not an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="654"/>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="654"/>
        <source>Send the %n selected event(s) to:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="675"/>
        <source>curl command copied (sends to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="698"/>
        <source>Alert rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="724"/>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::ManifestPage</name>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="94"/>
        <source>App manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="95"/>
        <source>Describe the private app that will deliver events. The form and the JSON stay in sync; visibility is always private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="101"/>
        <source>App name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="101"/>
        <source>Hookscope monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="102"/>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="102"/>
        <source>hookscope-monitor-acme (unique in your organisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="103"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="103"/>
        <source>What the app is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="104"/>
        <source>Developer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="104"/>
        <source>Your company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="105"/>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="106"/>
        <source>Support email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="107"/>
        <source>Privacy policy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="108"/>
        <source>Terms URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="109"/>
        <source>Events webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="109"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="110"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="111"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="112"/>
        <source>from the Endpoint page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="110"/>
        <source>Installations webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="111"/>
        <source>Interactivity request URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="112"/>
        <source>Message menu options URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="120"/>
        <source>Check the events to subscribe to. Nothing checked means every event. Thena&apos;s manifest lists event names. Patterns such as ticket:* are for Hookscope&apos;s filter bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/manifestpage.cpp" line="377"/>
        <source>Subscribed to %n event(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/manifestpage.cpp" line="379"/>
        <source>%n problem(s) to fix before creating the app.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/pages/manifestpage.cpp" line="381"/>
        <source>%n warning(s): worth a look, they do not block.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="129"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="130"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="132"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="133"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="134"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="139"/>
        <source>Manifest JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="301"/>
        <source>JSON error at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="305"/>
        <source>Fix the JSON to continue; the form is paused meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="376"/>
        <source>Subscribed to every event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="406"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="411"/>
        <source>Import manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="406"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="411"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="427"/>
        <location filename="../wizard/pages/manifestpage.cpp" line="432"/>
        <source>Export manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="427"/>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/manifestpage.cpp" line="432"/>
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
        <location filename="../core/receiver/receiver.cpp" line="115"/>
        <source>Port %1 on %2 is already in use: another Hookscope or another program is listening there. Choose another port (--port, or Settings → Receiver).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/receiver/receiver.cpp" line="120"/>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::RelayClient</name>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="97"/>
        <source>A channel URL is an http(s) URL, e.g. https://smee.io/AbC123 or https://relay.example.com/AbC123?token=…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="103"/>
        <source>The channel URL names no channel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="107"/>
        <source>No event store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="186"/>
        <source>relay: not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="187"/>
        <source>relay: connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="188"/>
        <source>relay: connected to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="190"/>
        <source>relay: reconnecting in %1 s — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="191"/>
        <source>relay: error — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="315"/>
        <source>cannot reach the relay: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="352"/>
        <source>A relay delivery could not be read (%1); it was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/relay/relayclient.cpp" line="347"/>
        <location filename="../core/relay/relayclient.cpp" line="367"/>
        <source>The relay dropped %n event(s) of this channel before they could be delivered (its buffer was full)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="371"/>
        <source>Some events of this channel were dropped by the relay (its buffer was full) before this client could receive them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="440"/>
        <source>no data from the relay for %1 s: the connection is dead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="454"/>
        <source>the computer was asleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="462"/>
        <source>the event store is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="501"/>
        <source>could not store a relay delivery: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="604"/>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relayclient.cpp" line="606"/>
        <source>%1 answered HTTP %2 without a channel (Location)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::RelayServer</name>
    <message>
        <location filename="../core/relay/relayserver.cpp" line="138"/>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::RelayStore</name>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="85"/>
        <source>Cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="102"/>
        <location filename="../core/relay/relaystore.cpp" line="105"/>
        <location filename="../core/relay/relaystore.cpp" line="160"/>
        <source>relay database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="136"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="143"/>
        <source>The relay database %1 is damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="149"/>
        <source>Cannot read the relay database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="154"/>
        <source>%1 is not a relay database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="170"/>
        <location filename="../core/relay/relaystore.cpp" line="178"/>
        <source>Cannot read the channels of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="185"/>
        <location filename="../core/relay/relaystore.cpp" line="199"/>
        <source>Cannot read the deliveries of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="262"/>
        <location filename="../core/relay/relaystore.cpp" line="292"/>
        <source>Its channels could not be kept (%1): senders and subscribers need new channel URLs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="263"/>
        <source>the last delivery id is unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/relay/relaystore.cpp" line="296"/>
        <source>%n channel(s) kept, with new deliveries numbered after %1; the deliveries buffered in the old file were not carried over.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="301"/>
        <source>Some channel rows could not be read (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="804"/>
        <source>Cannot read the deliveries after id %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="355"/>
        <source>Database error: %1 (in: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="378"/>
        <source>The relay database %1 is damaged (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="379"/>
        <source>The relay database %1 is damaged (%2). New deliveries are refused until the relay is restarted; at its next start it moves the file aside and starts a fresh buffer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="406"/>
        <location filename="../core/relay/relaystore.cpp" line="580"/>
        <location filename="../core/relay/relaystore.cpp" line="769"/>
        <source>The relay store is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaystore.cpp" line="590"/>
        <source>No such channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/relay/relaystore.cpp" line="681"/>
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
        <location filename="../ui/settings/settingsdialog.cpp" line="71"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="73"/>
        <source>Settings pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="77"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="170"/>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="78"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="229"/>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="79"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="255"/>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="80"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="278"/>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="81"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="305"/>
        <source>Thena API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="103"/>
        <source>Restore default settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="125"/>
        <source>Any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="126"/>
        <source>Receiver port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="130"/>
        <source>Bind address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="131"/>
        <source>127.0.0.1 and ::1 accept deliveries from this computer only (use a tunnel for Thena); 0.0.0.0 and :: accept them from the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="138"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="139"/>
        <source>Allow deliveries from other computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="143"/>
        <source>None: every request is accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="144"/>
        <source>Secret token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="145"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="183"/>
        <source>Sho&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="147"/>
        <source>Show secret token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="148"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="149"/>
        <source>Generate a secret token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="156"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="157"/>
        <source>&amp;Bind address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="160"/>
        <source>&amp;Secret token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="164"/>
        <source>Deliveries must then carry it (/hooks/&lt;token&gt;, ?token= or an Authorization header). It is kept in the system keychain, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="172"/>
        <source>The receiver restarts with these settings when you press OK. Options given on the command line (--port, --bind, --secret) take precedence for that session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="183"/>
        <source>Hi&amp;de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="194"/>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="195"/>
        <source>Largest accepted body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="198"/>
        <source> KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="199"/>
        <source>Largest accepted headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="202"/>
        <source>Simultaneous connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="205"/>
        <location filename="../ui/settings/settingsdialog.cpp" line="209"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="206"/>
        <source>Idle connection timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="210"/>
        <source>Request timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="215"/>
        <source> per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="216"/>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="217"/>
        <source>Deliveries per second from one client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="220"/>
        <source>Largest &amp;body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="221"/>
        <source>Largest &amp;headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="222"/>
        <source>Simultaneous &amp;connections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="223"/>
        <source>Close &amp;idle connections after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="224"/>
        <source>A request must arrive &amp;within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="225"/>
        <source>Deliveries from one &amp;client:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="231"/>
        <source>Larger bodies are refused with 413 and larger headers with 431 before anything is buffered; Thena then retries. Connections beyond the limit are closed at once. A request still incomplete after the timeout gets 408 (slow senders). A client sending faster than its rate (bursts of twice that) gets 429 with Retry-After; behind a tunnel the client is the address in X-Forwarded-For, and local tools on this machine are not limited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="248"/>
        <source> events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="249"/>
        <source>Events to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="252"/>
        <source>&amp;Keep the newest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="257"/>
        <source>When the store holds more, the oldest events are deleted after each commit. File → Clear history deletes everything at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="267"/>
        <source>Follow the &amp;system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="268"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="269"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="279"/>
        <source>Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="283"/>
        <source>Event colours in the table are translucent tints and read well in both themes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="293"/>
        <source>Apps API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="297"/>
        <source>Platform API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="301"/>
        <source>&amp;Apps API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="302"/>
        <source>&amp;Platform API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="307"/>
        <source>Where the setup wizard and Tools → Thena apps send their calls: create, install and uninstall go to the apps API, the list of teams to the platform API. Leave a field empty for the built-in URL. $%1 and $%2 override these fields when set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="319"/>
        <source>Set now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="380"/>
        <source>“%1” is not an IP address (for example 127.0.0.1 or 0.0.0.0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="382"/>
        <source>Confirm that deliveries from other computers are allowed, or bind to 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="386"/>
        <source>“%1” is not an http(s) URL (for example https://apps-studio.thena.ai).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="427"/>
        <source>Reachable from the network: anyone who can reach this computer on port %1 can post events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="428"/>
        <source>(any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="430"/>
        <source>Set a secret token below so that only Thena can.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::SetupWizard</name>
    <message>
        <location filename="../wizard/setupwizard.cpp" line="29"/>
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
    <name>Hookscope::SqliteFile</name>
    <message>
        <location filename="../core/common/sqlitefile.cpp" line="120"/>
        <source>the integrity check gave no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/common/sqlitefile.cpp" line="157"/>
        <source>cannot move or remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/common/sqlitefile.cpp" line="168"/>
        <source>The %1 %2 was damaged (%3). It was moved to %4 and a new one was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/common/sqlitefile.cpp" line="174"/>
        <source>The %1 %2 is damaged (%3) and could not be moved aside: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/common/sqlitefile.cpp" line="180"/>
        <source>The %1 %2 was written by a newer %3 (schema %4; this version understands up to %5). It was left untouched: upgrade %3 or choose another --data-dir.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::SqliteFile::BackgroundCheck</name>
    <message>
        <location filename="../core/common/sqlitefile.cpp" line="208"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::SseTransport</name>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="109"/>
        <source>the relay did not answer with an event stream (Content-Type %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="154"/>
        <source>the relay refused the channel (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="158"/>
        <source>the relay answered HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="161"/>
        <source>the relay closed the stream</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hookscope::TeamChoiceDialog</name>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="79"/>
        <source>Known teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="86"/>
        <source>More team IDs or dashboard URLs, separated by commas, spaces or lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="87"/>
        <source>More teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="97"/>
        <source>Teams Hookscope knows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="131"/>
        <source>“%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/appdialogs.cpp" line="133"/>
        <source>Choose or enter at least one team.</source>
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
        <source>Or paste team IDs or dashboard URLs, separated by commas, spaces or lines. As Thena&apos;s docs say, the team ID is in the URL when you are in the team&apos;s dashboard: https://dashboard.thena.ai/dashboard/T123NHFDRF → T123NHFDRF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="63"/>
        <source>  (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="74"/>
        <source>Hookscope could not list your teams, so enter their IDs below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/pages/teamspage.cpp" line="75"/>
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
    <name>Hookscope::WsTransport</name>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="244"/>
        <source>the relay refused the channel (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="254"/>
        <source>the relay closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="255"/>
        <source>the relay closed the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="269"/>
        <source>the relay refused the channel token (HTTP 401)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/relay/relaytransport.cpp" line="270"/>
        <source>the relay refused the channel (HTTP %1)</source>
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
        <location filename="../app/main.cpp" line="79"/>
        <source>Cannot open the event store.

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
