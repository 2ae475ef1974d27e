# Writes a git fast-import stream to stdout.
#   perl generate.pl new COMMITS FILES       a history of COMMITS commits that together add FILES files
#   perl generate.pl append COMMITS START    COMMITS more commits on refs/heads/main, each changing 5 files
# Each commit adds FILES/COMMITS files and rewrites 5 existing ones, so the history has real deltas.
use strict;
use warnings;

my ($mode, $commits, $arg) = @ARGV;
my ($files, $start) = $mode eq 'new' ? ($arg, 0) : (20000, $arg);
my $per = $mode eq 'new' ? int($files / $commits) : 0;
my $existing = $mode eq 'new' ? 0 : $files;
my $time = 1700000000 + $start * 60;
srand(42 + $start);

sub content {
    my ($id, $revision) = @_;
    my $text = "// file $id, revision $revision\n";
    $text .= "line $_ of file $id: " . ('x' x (20 + ($id * 7 + $_) % 40)) . " r$revision\n" for 1 .. (10 + $id % 30);
    return $text;
}

for my $c (1 .. $commits) {
    my $number = $start + $c;
    my @changes = map { [$existing++, 0] } 1 .. $per;
    push @changes, [int(rand($existing)), $number] for 1 .. 5;
    print "commit refs/heads/main\n";
    print "committer Bench <bench\@example.com> " . ($time + $c * 60) . " +0000\n";
    my $message = "Commit $number\n";
    print 'data ' . length($message) . "\n$message";
    print "from refs/heads/main^0\n" if $c == 1 && $mode eq 'append';
    for my $change (@changes) {
        my ($id, $revision) = @$change;
        my $path = sprintf('src/d%03d/s%02d/file%05d.txt', $id % 200, $id % 17, $id);
        my $body = content($id, $revision);
        print "M 100644 inline $path\ndata " . length($body) . "\n$body\n";
    }
    print "\n";
}
