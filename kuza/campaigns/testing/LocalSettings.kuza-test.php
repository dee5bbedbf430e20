<?php
/**
 * Overrides for Kuza's throw-away test wikis, appended (via require_once) to the
 * LocalSettings.php that maintenance/install.php wrote for one instance.
 *
 * The instance directory is found from MW_CONFIG_FILE, which the harness sets in the
 * environment of both `php -S` and maintenance scripts: that is how several wikis share
 * the read-only code in /usr/share/mediawiki without a LocalSettings.php there.
 *
 * Never use these settings on a reachable wiki: they remove every abuse protection.
 */
if ( !defined( 'MEDIAWIKI' ) ) {
	exit;
}

$kuzaInstanceDir = dirname( MW_CONFIG_FILE );

// The harness may restart a wiki on the port it had; the server URL comes from the
// environment so LocalSettings.php never has to be rewritten.
$kuzaServer = getenv( 'KUZA_MW_SERVER' );
if ( $kuzaServer ) {
	$wgServer = $kuzaServer;
	$wgCanonicalServer = $kuzaServer;
}

// Uploads: each instance writes into its own directory, never /var/lib/mediawiki.
$wgEnableUploads = true;
$wgUploadDirectory = "$kuzaInstanceDir/images";
$wgUploadPath = "$wgScriptPath/images";
$wgFileExtensions = [ 'png', 'jpg', 'jpeg', 'svg' ];
// Debian's installer points at a `convert` that may be absent or a stand-in; thumbnails
// are not under test, so no image tool runs at upload time.
$wgUseImageMagick = false;
$wgGenerateThumbnailOnParse = false;
$wgCacheDirectory = "$kuzaInstanceDir/cache";
$wgTmpDirectory = "$kuzaInstanceDir/tmp";

// Scripted users must be able to do in seconds what people do in weeks.
$wgRateLimits = [];
$wgRateLimitsExcludedIPs = [ '127.0.0.1', '::1' ];
$wgAccountCreationThrottle = [];
$wgPasswordAttemptThrottle = [];
$wgGroupPermissions['*']['createaccount'] = true;
$wgGroupPermissions['*']['edit'] = true;
$wgGroupPermissions['user']['noratelimit'] = true;
$wgGroupPermissions['user']['upload'] = true;
$wgGroupPermissions['user']['writeapi'] = true;
$wgGroupPermissions['user']['skipcaptcha'] = true;
$wgEnableBotPasswords = true;
// Cheap hashing: thousands of test logins must not each cost ~100 ms of PBKDF2.
$wgPasswordConfig['pbkdf2']['cost'] = '1000';
$wgEmailConfirmToEdit = false;
$wgEmailAuthentication = false;
$wgEnableEmail = false;

// Jobs run inside each request (the built-in server serves one request at a time, so
// the next API read always sees what the previous write queued).
$wgJobRunRate = 10;
$wgRunJobsAsync = false;
// Tests back-date edits by years (see X-Kuza-Fake-Time below); MediaWiki's random purge
// of recent changes older than $wgRCMaxAge (90 days) would make them vanish at random.
$wgRCMaxAge = 50 * 365 * 86400;
// No object cache: every read goes to SQLite, so a test never sees stale data.
$wgMainCacheType = CACHE_NONE;
$wgParserCacheType = CACHE_NONE;
$wgMessageCacheType = CACHE_NONE;
$wgSessionCacheType = CACHE_DB;
// API reads of recent changes and contributions must see writes immediately.
$wgMiserMode = false;
$wgShowExceptionDetails = true;
$wgShowDBErrorBacktrace = true;
$wgDevelopmentWarnings = false;

// Campaigns are time windows, so tests must be able to make an edit "last March". The
// harness sends this header (Unix seconds) on such a write; MediaWiki then stamps the
// revision, recent change and log entry with that time. Loaded only on test wikis.
$kuzaFakeTime = $_SERVER['HTTP_X_KUZA_FAKE_TIME'] ?? '';
if ( $kuzaFakeTime !== '' && ctype_digit( $kuzaFakeTime ) ) {
	Wikimedia\Timestamp\ConvertibleTimestamp::setFakeTime( (int)$kuzaFakeTime );
}

// Replication lag on demand. One SQLite database never lags, so MediaWiki's real maxlag
// answer (error "maxlag", Retry-After, X-Database-Lag) is produced by reporting lag through
// the ApiMaxLagInfo hook while simulated-lag.json in the instance directory asks for it:
// {"lag": seconds, "requests": n}; every API request that sends maxlag uses one up.
$wgHooks['ApiMaxLagInfo'][] = static function ( array &$lagInfo ) use ( $kuzaInstanceDir ) {
	$file = "$kuzaInstanceDir/simulated-lag.json";
	if ( !is_file( $file ) ) {
		return;
	}
	$state = json_decode( (string)file_get_contents( $file ), true );
	if ( !is_array( $state ) || (int)( $state['requests'] ?? 0 ) < 1 ) {
		return;
	}
	$state['requests'] = (int)$state['requests'] - 1;
	if ( $state['requests'] > 0 ) {
		file_put_contents( $file, json_encode( $state ) );
	} else {
		unlink( $file );
	}
	$lagInfo = [ 'host' => 'replica.kuza.test', 'lag' => (int)$state['lag'], 'type' => 'db' ];
};

// Administrators hide revisions (revision deletion), as Wikimedia's do: the collection must
// stop counting a revision whose text or author was hidden.
$wgGroupPermissions['sysop']['deleterevision'] = true;
// A page's Wikidata item. On Wikimedia wikis the WikibaseClient extension sets the page
// property `wikibase_item` from Wikidata's sitelinks; test wikis have no Wikidata, so a page
// names its item in its text, <wikidata-item>Q42</wikidata-item>, and the parser sets the
// same page property, stored by MediaWiki's own links update and read through the API's
// prop=pageprops exactly as on Wikimedia.
$wgHooks['ParserFirstCallInit'][] = static function ( Parser $parser ) {
	$parser->setHook( 'wikidata-item', static function ( $text, array $args, Parser $parser ) {
		$item = trim( (string)$text );
		if ( preg_match( '/^Q[1-9][0-9]*$/', $item ) ) {
			$parser->getOutput()->setPageProperty( 'wikibase_item', $item );
		}
		return '';
	} );
};
