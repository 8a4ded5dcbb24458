// Desktop integration suites that need nothing of Node, run as they are in the web worker extension host too
// (issue 20): their titles are the desktop ones, so `--grep "Settings Sync"` runs a suite in either host.
import '../integration/sync.test';
import '../integration/lessonTree.test';
import '../integration/internalCommands.test';
import '../integration/annotations.test';
import '../integration/annotationsView.test';
import '../integration/reader.test';
