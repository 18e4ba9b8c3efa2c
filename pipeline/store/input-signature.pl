# Part k of n of the signature of raw/ (input-signature.sh runs the n parts at once, one per core): every n-th entry of
# raw/ from the k-th, each printed as one line, `<name><TAB><sha256 of what is signed of it>`, the lines in byte order
# (so that `sort -m` merges the parts). A backslash, tab or newline in a name is printed as \x5c, \x09, \x0a: no
# source folder's name has one (the build refuses such a folder), so an escaped name is never a source id. Signed is
# the lstat of the three files the build reads
# in a source folder (source.json, article.txt, annotations.yaml, as SOURCE_FILES in store/sources.ts names them, which a
# test compares with @files: type, size, modification and change time, inode)
# or why there is none (ENOENT; ENOTDIR: the entry is no folder, and its own lstat counts instead: entities.json).
# The folders are neither opened nor stat-ed: at 100,000 sources, opening each is most of what a find costs (1.2 of
# its 1.7 s here), and the build reads no other file in them (a file added beside the three changes nothing it
# builds). A folder replaced by a link to other files changes their inodes; the build then refuses the link.
# Perl (with Time::HiRes and Digest::SHA, which git depends on) because Node's lstat is slower here, and a shell
# cannot lstat without a process per file.
#   perl pipeline/store/input-signature.pl <raw> <k> <n>
use strict;
use warnings;
use Digest::SHA;
use Errno qw(ENOENT ENOTDIR);
use Time::HiRes qw(lstat);

my ($raw, $k, $n) = @ARGV;
die "input-signature: expected <raw> <k> <n> with 0 <= k < n\n" unless defined $n && $k =~ /^\d+$/ && $n =~ /^[1-9]\d*$/ && $k < $n;
opendir(my $dh, $raw) or die "input-signature: $raw: $! (expected the folder of raw articles)\n";
my @names = sort grep { $_ ne '.' && $_ ne '..' } readdir($dh);
closedir($dh);

my @lines;
my @files = ('source.json', 'article.txt', 'annotations.yaml');
# what is signed of a file: type and permissions, size, modification and change time (to the tenth of a microsecond
# a double holds), inode
sub signed { my ($path, @s) = @_; return "$path\t$s[2]\t$s[7]\t$s[9]\t$s[10]\t$s[1]\n" }
for (my $i = $k; $i < @names; $i += $n) {
  my $name = $names[$i];
  my $sha = Digest::SHA->new(256);
  my $folder = 0;
  for my $file (@files) {
    if (my @f = lstat("$raw/$name/$file")) { $sha->add(signed("$name/$file", @f)); $folder = 1; next }
    $folder ||= $! == ENOENT;
    $sha->add("$name/$file\t" . ($! == ENOENT ? 'ENOENT' : $! == ENOTDIR ? 'ENOTDIR' : $!) . "\n");
  }
  if (!$folder) {
    # not a folder (entities.json; a link, which the build refuses): the entry itself, or its absence if it left since the listing
    my @s = lstat("$raw/$name");
    $sha->add(@s ? signed($name, @s) : "$name\t$!\n");
  }
  (my $printed = $name) =~ s/([\\\t\n])/sprintf('\\x%02x', ord $1)/ge;
  push @lines, "$printed\t" . $sha->hexdigest . "\n";
}
print sort @lines;
